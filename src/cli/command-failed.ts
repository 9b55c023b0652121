/** A command that ran and found something wrong (a failing lens test): it has printed why; exit with this code. */
export class CommandFailed extends Error {
  constructor(readonly exitCode: number) {
    super(`command failed with exit code ${exitCode}`);
    this.name = 'CommandFailed';
  }
}

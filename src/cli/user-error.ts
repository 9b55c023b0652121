/** A mistake the user can fix: printed as lines without a stack trace, exit code 2. */
export class UserError extends Error {
  readonly code = 'user_error';
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'UserError';
  }
}

import { Command, CommanderError } from 'commander';
import { userFacingLines } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { CommandFailed } from './command-failed.js';
import { packageVersion } from './package-version.js';
import { registerEvaluate } from './commands/evaluate.js';
import { registerLens } from './commands/lens.js';

export type Registrar = (program: Command, io: CliIo) => void;

/** Extra commands plugged in by main.ts (kept apart so `evaluate` loads no database code). */
export function buildProgram(io: CliIo, registrars: Registrar[] = []): Command {
  const program = new Command('compute-advice')
    .description('Where should this workload run? VMs, containers, serverless containers, functions or Wasm at the edge.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run compute-advice --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerEvaluate(program, io);
  registerLens(program, io);
  for (const register of registrars) register(program, io);
  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 user error, 1 a failing check (lens test) or an unexpected failure. */
export async function runCli(argv: string[], io: CliIo, registrars: Registrar[] = []): Promise<number> {
  const program = buildProgram(io, registrars);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommandFailed) return error.exitCode;
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2; // commander already printed the message
    }
    const lines = userFacingLines(error);
    if (lines) {
      io.err(`${lines.map((l) => `error: ${l}`).join('\n')}\n`);
      return 2;
    }
    io.err(`unexpected error: ${(error as Error).message}\n`);
    if (io.env.DEBUG) io.err(`${(error as Error).stack}\n`);
    return 1;
  }
}

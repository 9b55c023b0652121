import { readFileSync } from 'node:fs';

/** The terminal, injectable so commands can be tested in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readStdin(): string;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
  env: process.env,
};

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

import { builtFile, REPO_ROOT } from '../helpers/built.js';

/** The compiled CLI (the real bin); a test fails with what to do when it has not been built. */
export const cliPath = () => builtFile('src/cli/main.js');
export const ROOT = REPO_ROOT;

/** A database path in a fresh temp folder, removed when the calling test finishes (call it inside a test). */
export function tempDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'compute-advice-cli-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'cli.db');
}

export function runCli(args: string[], options: { input?: string; databasePath?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [cliPath(), ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: options.databasePath ?? tempDatabase(), NO_COLOR: '1', ...options.env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function spawnCli(args: string[], databasePath: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliPath(), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath } });
}

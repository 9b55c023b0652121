/**
 * A DATABASE_PATH the CLI cannot use is named in one line with exit code 2, for every command that opens the
 * database, and never hangs (a folder under /proc made Node's recursive mkdir spin).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ca-dbpath-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const blocker = join(dir, 'a-file');
writeFileSync(blocker, 'not a folder');

const COMMANDS: Array<{ args: string[]; input?: string }> = [
  { args: ['db', 'migrate'] },
  { args: ['db', 'backup', join(dir, 'backup.db')] },
  { args: ['reviews', 'list'] },
  { args: ['reviews', 'show', 'r-1'] },
  { args: ['interview', 'orders-api'], input: 'API\n' },
];

describe('a DATABASE_PATH that cannot be opened', () => {
  for (const { args, input } of COMMANDS) {
    it(`${args.join(' ')}: one line naming DATABASE_PATH, exit 2`, () => {
      for (const path of [join(blocker, 'reviews.db'), '/proc/compute-advice-nope/reviews.db']) {
        const started = Date.now();
        const run = runCli(args, { databasePath: path, ...(input ? { input } : {}) });
        expect(Date.now() - started, 'it answers at once').toBeLessThan(15_000);
        expect(run.code, run.stderr).toBe(2);
        const lines = run.stderr.split('\n').filter(Boolean);
        expect(lines, run.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`DATABASE_PATH ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: cannot open it \\(`));
        expect(run.stderr).not.toMatch(/\n\s+at /);
      }
    });
  }
});

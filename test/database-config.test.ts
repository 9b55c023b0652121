/**
 * The database variables at the edge: each bad value stops the built server and the CLI with one line naming the
 * variable and what is allowed (no stack trace, no password), a server that cannot be reached likewise, and good
 * values select PostgreSQL with the pool size and statement timeout variables.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseTarget, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { builtFile, REPO_ROOT } from './helpers/built.js';
import { freePort } from './helpers/free-port.js';

function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const dir = mkdtempSync(join(tmpdir(), 'compute-advice-dbconfig-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DATABASE_URL', () => {
  it('selects PostgreSQL with the pool size and statement timeout; without it the SQLite file', () => {
    const env = loadConfig({ DATABASE_URL: 'postgres://app:secret@db.internal:5432/ca?sslmode=verify-full', DATABASE_POOL_SIZE: '4' }).env;
    expect(databaseTarget(env)).toEqual({
      engine: 'postgres',
      url: 'postgres://app:secret@db.internal:5432/ca?sslmode=verify-full',
      poolSize: 4,
      statementTimeoutMs: 10_000,
    });
    expect(databaseTarget(loadConfig({ DATABASE_PATH: '/data/x.db' }).env)).toEqual({ engine: 'sqlite', path: '/data/x.db' });
  });

  it('names the variable when a value is malformed', () => {
    for (const url of ['mysql://db/ca', 'postgres//db/ca', 'not a url']) {
      const problems = configProblems({ DATABASE_URL: url });
      expect(problems, url).toHaveLength(1);
      expect(problems[0], url).toMatch(/^DATABASE_URL: must be a PostgreSQL URL such as postgres:\/\//);
    }
  });

  it('takes the TLS settings in the URL when they are valid: a known sslmode, readable certificate files', () => {
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    for (const sslmode of ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify']) {
      expect(configProblems({ DATABASE_URL: `postgres://app@db.internal/ca?sslmode=${sslmode}&sslrootcert=${ca}` }), sslmode).toEqual([]);
    }
    expect(configProblems({ DATABASE_URL: 'postgres://app@db.internal/ca?ssl=1&options=-c%20search_path%3Dx' })).toEqual([]);
  });

  it('a server that cannot be reached stops the server and `db migrate` with one line, without the password', async () => {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: `postgres://app:hunter2secret@127.0.0.1:${port}/ca`,
      PORT: '0',
      LOG_LEVEL: 'silent',
    };
    for (const args of [[builtFile('src/main.js')], [builtFile('src/cli/main.js'), 'db', 'migrate']]) {
      const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 30_000 });
      expect(run.status, run.stderr).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`cannot reach the database at postgres://app@127\\.0\\.0\\.1:${port}/ca: .*ECONNREFUSED`));
      expect(run.stderr + run.stdout).not.toContain('hunter2secret');
    }
  });
});

/** What each database variable says about a bad value: the variable, then what is allowed. */
const BAD_VALUES: Array<{ env: Record<string, string>; line: RegExp }> = [
  { env: { DATABASE_URL: 'mysql://app:hunter2secret@db/ca' }, line: /^DATABASE_URL: must be a PostgreSQL URL such as postgres:\/\// },
  {
    env: { DATABASE_URL: 'postgres://app:hunter2secret@db.internal/ca?sslmode=verify' },
    line: /^DATABASE_URL: sslmode="verify" is not a TLS mode; allowed: disable, prefer, require, verify-ca, verify-full, no-verify$/,
  },
  {
    env: { DATABASE_URL: 'postgres://app:hunter2secret@db.internal/ca?ssl=yes' },
    line: /^DATABASE_URL: ssl="yes" is not allowed; allowed: true, 1, 0/,
  },
  {
    env: { DATABASE_URL: 'postgres://app:hunter2secret@db.internal/ca?sslmode=verify-full&sslrootcert=/no/such/ca.pem' },
    line: /^DATABASE_URL: sslrootcert=\/no\/such\/ca\.pem cannot be read \(ENOENT\); it must name a PEM file this process can read$/,
  },
  {
    env: { DATABASE_URL: 'postgres://app:hunter2secret@db.internal/ca?sslcert=/no/such/client.pem&sslkey=/no/such/client.key' },
    line: /^DATABASE_URL: sslcert=\/no\/such\/client\.pem cannot be read/,
  },
  ...['abc', '', '0', '101', '1e1'].map((value) => ({
    env: { DATABASE_POOL_SIZE: value },
    line: /^DATABASE_POOL_SIZE: must be a whole number from 1 to 100 connections per instance \(default 10\)$/,
  })),
  ...['soon', '-1', '1.5', '2147483648'].map((value) => ({
    env: { DATABASE_STATEMENT_TIMEOUT_MS: value },
    line: /^DATABASE_STATEMENT_TIMEOUT_MS: must be a whole number from 0 \(no limit\) to 2147483647 milliseconds \(default 10000\)$/,
  })),
  { env: { DATABASE_PATH: '' }, line: /^DATABASE_PATH: must be a file path such as \.\/data\/compute-advice\.db/ },
  { env: { DATABASE_PATH: '/dev/null/reviews.db' }, line: /^DATABASE_PATH \/dev\/null\/reviews\.db: cannot open it \(/ },
];

/** Runs the built file with exactly this environment; resolves with its exit code and output. */
function run(args: readonly string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe.concurrent('a bad database variable stops the server and the CLI with one line naming it', () => {
  it.each(BAD_VALUES)('$env', async ({ env, line }) => {
    // sslkey's problem comes with sslcert's: one line per bad setting, each naming the variable
    const expectedLines = env.DATABASE_URL?.includes('sslkey=') ? 2 : 1;
    const entries = [
      ['npm start', [builtFile('src/main.js')], 'compute-advice: '],
      ['the CLI', [builtFile('src/cli/main.js'), 'db', 'migrate'], 'error: '],
    ] as const;
    const fullEnv = { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'silent', DATABASE_PATH: join(dir, 'ok.db'), ...env };
    const runs = await Promise.all(entries.map(([, args]) => run(args, fullEnv)));
    entries.forEach(([name, , prefix], i) => {
      const { status, stdout, stderr } = runs[i]!;
      expect(status, `${name}: ${stderr}`).toBe(2);
      const lines = stderr.trim().split('\n');
      expect(lines, name).toHaveLength(expectedLines);
      for (const printed of lines) expect(printed.startsWith(prefix), `${name}: ${printed}`).toBe(true);
      expect(lines[0]!.slice(prefix.length), name).toMatch(line);
      expect(stderr, name).not.toMatch(/\n\s+at /);
      expect(stderr + stdout, name).not.toContain('hunter2secret');
    });
  });
});

/**
 * DATABASE_URL at the edge: a malformed one is named at start, a server that cannot be reached stops the built
 * server and the CLI with one line (no stack trace, no password), and a good one selects PostgreSQL with the pool
 * size and statement timeout variables.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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
    expect(configProblems({ DATABASE_POOL_SIZE: '0' })[0]).toMatch(/^DATABASE_POOL_SIZE: must be at least 1/);
    expect(configProblems({ DATABASE_STATEMENT_TIMEOUT_MS: 'soon' })[0]).toMatch(/^DATABASE_STATEMENT_TIMEOUT_MS: .*number/);
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

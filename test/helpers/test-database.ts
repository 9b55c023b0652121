/**
 * The engine a test file runs on: SQLite by default; PostgreSQL in the `postgres` vitest project (TEST_ENGINE), on
 * the server at TEST_DATABASE_URL. Each database is a schema of its own on that server, dropped after the test.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import type { DatabaseTarget } from '../../src/storage/database-target.js';

export type TestEngine = 'sqlite' | 'postgres';

export const TEST_ENGINE: TestEngine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** The server's URL; a missing one fails the PostgreSQL tests (vitest.config.ts leaves them out on a developer machine). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL tests need a server (.ci/run starts one on loopback)');
  }
  return url;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

let admin: pg.Pool | undefined;
const schemas: string[] = [];
// after the file, not each test: a database opened in beforeAll serves several tests
afterAll(async () => {
  for (const schema of schemas.splice(0)) await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin?.end();
  admin = undefined;
});

/** A URL whose connections use a new, empty schema of their own, dropped after the test file. */
export async function freshPostgresUrl(): Promise<string> {
  const base = testDatabaseUrl();
  admin ??= new pg.Pool({ connectionString: base, max: 2 });
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  schemas.push(schema);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** A temp folder, removed after the test. */
export function testDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-advice-test-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A new, empty database on the engine under test. On SQLite a file in `dir` (a fresh temp folder by default); a
 * second process or store given the same target shares it, as instances share one database.
 */
export async function freshTarget(dir?: string): Promise<DatabaseTarget> {
  if (TEST_ENGINE === 'postgres') return { engine: 'postgres', url: await freshPostgresUrl(), poolSize: 5, statementTimeoutMs: 10_000 };
  return { engine: 'sqlite', path: path.join(dir ?? testDir(), 'test.db') };
}

/** Runs fn after the current test (e.g. closing a database), before its schema or folder is removed. */
export function afterThisTest(fn: () => Promise<void> | void): void {
  cleanups.push(async () => {
    await fn();
  });
}

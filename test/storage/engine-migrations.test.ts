/**
 * Migrations and transactions on the engine under test (the sqlite and postgres vitest projects run this file):
 * `compute-advice db migrate` applies the history once; an edited applied file is refused; a failing file is rolled
 * back whole (PostgreSQL's DDL is transactional too); and two transactions that collide under SERIALIZABLE are both
 * carried out, the loser run again, instead of one update being lost.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MigrationError, defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { connectDatabase } from '../../src/storage/open-database.js';
import type { SqlDatabase } from '../../src/storage/sql-database.js';
import type { DatabaseTarget } from '../../src/storage/database-target.js';
import { builtFile, REPO_ROOT } from '../helpers/built.js';
import { afterThisTest, freshTarget, TEST_ENGINE } from '../helpers/test-database.js';
import { copyMigrations } from './helpers.js';

async function open(target: DatabaseTarget): Promise<SqlDatabase> {
  const db = await connectDatabase(target);
  afterThisTest(() => db.close());
  return db;
}

function targetEnv(target: DatabaseTarget): Record<string, string> {
  return target.engine === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_PATH: target.path };
}

async function tableExists(db: SqlDatabase, name: string): Promise<boolean> {
  const query =
    db.dialect === 'postgres'
      ? sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${name}`
      : sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = ${name}`;
  return Number((await query.execute(db.q)).rows[0]?.n) > 0;
}

const SHIPPED = fs.readdirSync(defaultMigrationsDir()).filter((f) => f.endsWith('.sql'));

describe(`migrations on ${TEST_ENGINE}`, () => {
  it('`compute-advice db migrate` applies every migration once, then finds the database up to date', async () => {
    const target = await freshTarget();
    const run = () =>
      spawnSync(process.execPath, [builtFile('src/cli/main.js'), 'db', 'migrate'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', ...targetEnv(target) },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`applied ${SHIPPED.join(', ')}`);
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`up to date (${SHIPPED.length} migrations applied earlier)`);
    const db = await open(target);
    const versions = await db.q.selectFrom('schema_migrations').select(['version', 'checksum']).orderBy('version').execute();
    expect(versions).toHaveLength(SHIPPED.length);
    for (const row of versions) expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a migration edited after it was applied, naming the file', async () => {
    const dir = copyMigrations();
    const db = await open(await freshTarget());
    await runMigrations(db, dir);
    // the file this engine ran: PostgreSQL's own when it has one
    const own = path.join(dir, 'postgres', '0001_init.sql');
    const edited = db.dialect === 'postgres' && fs.existsSync(own) ? own : path.join(dir, '0001_init.sql');
    fs.appendFileSync(edited, '\n-- edited after it was applied\n');
    const refusal = await runMigrations(db, dir).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MigrationError);
    expect((refusal as MigrationError).code).toBe('migration_changed');
    expect((refusal as MigrationError).message).toContain('0001_init');
  });

  it('rolls a failing migration back whole and applies nothing after it', async () => {
    const dir = copyMigrations();
    const last = Math.max(...SHIPPED.map((f) => Number(f.slice(0, 4))));
    const pad = (n: number) => String(n).padStart(4, '0');
    fs.writeFileSync(
      path.join(dir, `${pad(last + 1)}_half_done.sql`),
      'CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO half_done (id) VALUES (1);\nINSERT INTO no_such_table (id) VALUES (1);\n',
    );
    fs.writeFileSync(path.join(dir, `${pad(last + 2)}_after.sql`), 'CREATE TABLE after_it (id INTEGER PRIMARY KEY);\n');
    const db = await open(await freshTarget());
    const failure = await runMigrations(db, dir).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).code).toBe('migration_failed');
    expect(await tableExists(db, 'half_done')).toBe(false);
    expect(await tableExists(db, 'after_it')).toBe(false);
    const applied = await db.q.selectFrom('schema_migrations').select('version').execute();
    expect(applied).toHaveLength(SHIPPED.length);
  });
});

describe(`transactions on ${TEST_ENGINE}`, () => {
  it('two read-then-write transactions that collide both take effect: the loser is run again, no update is lost', async () => {
    const db = await open(await freshTarget());
    await sql`CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`.execute(db.q);
    await sql`INSERT INTO counter (id, n) VALUES (1, 0)`.execute(db.q);
    let runs = 0;
    let read = 0;
    const increment = () =>
      db.transaction(async () => {
        runs += 1;
        const n = Number((await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(db.q)).rows[0]!.n);
        read += 1;
        // both have read before either writes (PostgreSQL); SQLite runs one writer at a time, so the wait just lapses
        const until = Date.now() + 300;
        while (read < 2 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
        await sql`UPDATE counter SET n = ${n + 1} WHERE id = 1`.execute(db.q);
      });
    await Promise.all([increment(), increment()]);
    expect(Number((await sql<{ n: number }>`SELECT n FROM counter WHERE id = 1`.execute(db.q)).rows[0]!.n)).toBe(2);
    // on PostgreSQL the collision is a serialisation failure, and the transaction that lost it ran again
    if (db.dialect === 'postgres') expect(runs).toBeGreaterThan(2);
    else expect(runs).toBe(2);
  });
});

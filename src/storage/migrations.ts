import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { findRepoFile } from '../content/find-repo-file.js';
import { MigrationError } from '../errors.js';
import type { SqlDatabase } from './sql-database.js';

export { MigrationError, type MigrationErrorCode } from '../errors.js';

export interface MigrationResult {
  /** File names applied by this run, in order. */
  applied: string[];
  /** How many migrations were already recorded before this run. */
  alreadyApplied: number;
}

interface MigrationFile {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

const CREATE_TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`,
  postgres: `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`,
};

/** The folder beside the shared migrations holding PostgreSQL's version of a file whose DDL differs. */
const POSTGRES_MIGRATIONS_FOLDER = 'postgres';

/** Any constant shared by every instance: the session-level advisory lock that lets one of them migrate at a time. */
const MIGRATION_LOCK_KEY = 7_326_180_028;

/** How one engine reads the applied rows and applies one file atomically with its row. */
interface MigrationSession {
  applied(): Promise<AppliedRow[]>;
  /** Applies and records m in one transaction, unless a row for its version is there by then (returned instead). */
  apply(m: MigrationFile): Promise<AppliedRow | undefined>;
}

/**
 * Applies the pending migrations in `dir`, each in its own transaction together with its schema_migrations row.
 * Migration files must not contain BEGIN/COMMIT: the runner owns the transaction. PostgreSQL runs the files of
 * `dir/postgres/` in place of the shared ones of the same name, and holds an advisory lock meanwhile, so instances
 * starting together migrate one after the other.
 */
export async function runMigrations(db: SqlDatabase, dir: string): Promise<MigrationResult> {
  const files = readMigrationFiles(dir, db.dialect);
  const { engine } = db;
  if (engine.kind === 'sqlite') return migrate(sqliteSession(engine.handle), files, dir);
  const client = await engine.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_TABLE.postgres);
      return await migrate(postgresSession(client), files, dir);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function migrate(session: MigrationSession, files: MigrationFile[], dir: string): Promise<MigrationResult> {
  const appliedRows = await session.applied();
  const byVersion = new Map(files.map((f) => [f.version, f]));
  for (const row of appliedRows) {
    const file = byVersion.get(row.version);
    const recorded = fileName(row.version, row.name);
    if (!file) {
      throw new MigrationError(
        'migration_missing',
        `Migration ${recorded} is recorded as applied but is missing from ${dir}. Restore the file; applied migrations are never deleted.`,
        recorded,
      );
    }
    assertUnchanged(row, file);
  }

  const highest = appliedRows.at(-1)?.version ?? 0;
  const appliedVersions = new Set(appliedRows.map((r) => r.version));
  const pending = files.filter((f) => !appliedVersions.has(f.version));
  const early = pending.find((f) => f.version < highest);
  if (early) {
    throw new MigrationError(
      'migration_out_of_order',
      `Migration ${early.file} is numbered below the highest applied migration (${highest}). Renumber it after ${String(highest).padStart(4, '0')}.`,
      early.file,
    );
  }

  const applied: string[] = [];
  let alreadyApplied = appliedRows.length;
  for (const m of pending) {
    let existing: AppliedRow | undefined;
    try {
      existing = await session.apply(m);
    } catch (err) {
      if (err instanceof MigrationError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new MigrationError('migration_failed', `Migration ${m.file} failed and was rolled back: ${reason}`, m.file, {
        cause: err,
      });
    }
    if (existing) {
      assertUnchanged(existing, m);
      alreadyApplied += 1;
    } else {
      applied.push(m.file);
    }
  }
  return { applied, alreadyApplied };
}

function sqliteSession(db: Database.Database): MigrationSession {
  db.exec(CREATE_TABLE.sqlite);
  const find = db.prepare('SELECT version, name, checksum FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  return {
    applied: async () => db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[],
    // IMMEDIATE takes the write lock before re-checking, so two processes starting together apply each file once.
    apply: async (m) =>
      db
        .transaction((): AppliedRow | undefined => {
          const row = find.get(m.version) as AppliedRow | undefined;
          if (row) return row;
          db.exec(m.sql);
          record.run(m.version, m.name, m.checksum, new Date().toISOString());
          return undefined;
        })
        .immediate(),
  };
}

function postgresSession(client: pg.PoolClient): MigrationSession {
  const select = 'SELECT version, name, checksum FROM schema_migrations';
  return {
    applied: async () => (await client.query<AppliedRow>(`${select} ORDER BY version`)).rows,
    apply: async (m) => {
      await client.query('BEGIN');
      try {
        const row = (await client.query<AppliedRow>(`${select} WHERE version = $1`, [m.version])).rows[0];
        if (!row) {
          // no parameters: the simple query protocol runs every statement of the file
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)', [
            m.version,
            m.name,
            m.checksum,
            new Date().toISOString(),
          ]);
        }
        await client.query('COMMIT');
        return row;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
  };
}

/** The repository's migrations/ folder. */
export function defaultMigrationsDir(): string {
  return path.dirname(findRepoFile('migrations/0001_init.sql'));
}

function readMigrationFiles(dir: string, dialect: SqlDatabase['dialect']): MigrationFile[] {
  const shared = readFolder(dir);
  if (dialect === 'sqlite') return shared;
  const overrides = path.join(dir, POSTGRES_MIGRATIONS_FOLDER);
  if (!fs.existsSync(overrides)) return shared;
  const own = readFolder(overrides);
  for (const file of own) {
    if (!shared.some((f) => f.file === file.file)) {
      throw new MigrationError(
        'migration_bad_name',
        `Migration ${POSTGRES_MIGRATIONS_FOLDER}/${file.file} has no shared migration of the same name in ${dir}: add that one too.`,
        file.file,
      );
    }
  }
  return shared.map((f) => own.find((o) => o.file === f.file) ?? f);
}

function readFolder(dir: string): MigrationFile[] {
  const files: MigrationFile[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new MigrationError(
        'migration_bad_name',
        `Migration file ${file} does not match NNNN_snake_name.sql (e.g. 0002_add_digests.sql).`,
        file,
      );
    }
    const version = Number(match[1]);
    if (version === 0) {
      throw new MigrationError('migration_bad_name', `Migration ${file}: numbers start at 0001.`, file);
    }
    const clash = files.find((f) => f.version === version);
    if (clash) {
      throw new MigrationError(
        'migration_duplicate',
        `Migrations ${clash.file} and ${file} share the number ${match[1]}. Give each migration its own number.`,
        file,
      );
    }
    const bytes = fs.readFileSync(path.join(dir, file));
    files.push({
      version,
      name: match[2]!,
      file,
      sql: bytes.toString('utf8'),
      checksum: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return files;
}

function assertUnchanged(row: AppliedRow, file: MigrationFile): void {
  if (row.name !== file.name || row.checksum !== file.checksum) {
    throw new MigrationError(
      'migration_changed',
      `Migration ${file.file} differs from the one applied as ${fileName(row.version, row.name)} (checksum ${row.checksum.slice(0, 12)}...). ` +
        'Applied migrations are never edited: revert the change and add a new migration instead.',
      file.file,
    );
  }
}

function fileName(version: number, name: string): string {
  return `${String(version).padStart(4, '0')}_${name}.sql`;
}

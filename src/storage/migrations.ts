import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { findRepoFile } from '../content/find-repo-file.js';
import { MigrationError } from '../errors.js';

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

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/**
 * Applies the pending migrations in `dir`, each in its own transaction together with its schema_migrations row.
 * Migration files must not contain BEGIN/COMMIT: the runner owns the transaction.
 */
export function runMigrations(db: Database.Database, dir: string): MigrationResult {
  const files = readMigrationFiles(dir);
  db.exec(CREATE_TABLE);
  const appliedRows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];

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

  const find = db.prepare('SELECT version, name, checksum FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const applied: string[] = [];
  let alreadyApplied = appliedRows.length;
  for (const m of pending) {
    // IMMEDIATE takes the write lock before re-checking, so two processes starting together apply each file once.
    const apply = db.transaction((): boolean => {
      const row = find.get(m.version) as AppliedRow | undefined;
      if (row) {
        assertUnchanged(row, m);
        return false;
      }
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
      return true;
    });
    let ran: boolean;
    try {
      ran = apply.immediate();
    } catch (err) {
      if (err instanceof MigrationError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new MigrationError('migration_failed', `Migration ${m.file} failed and was rolled back: ${reason}`, m.file, {
        cause: err,
      });
    }
    if (ran) applied.push(m.file);
    else alreadyApplied += 1;
  }
  return { applied, alreadyApplied };
}

/** The repository's migrations/ folder. */
export function defaultMigrationsDir(): string {
  return path.dirname(findRepoFile('migrations/0001_init.sql'));
}

function readMigrationFiles(dir: string): MigrationFile[] {
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

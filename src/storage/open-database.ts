import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { Kysely, SqliteDialect } from './kysely.js';
import type { DatabaseTarget } from './database-target.js';
import { openCheckedDatabase } from './open-checked-database.js';
import type { Schema } from './schema.js';
import { SqlDatabase } from './sql-database.js';

/**
 * The connection settings every database handle gets. Exported so docs and the benchmark can print them.
 *
 * synchronous=NORMAL: in WAL mode a commit only appends to the WAL; the fsync happens at checkpoints. An app crash
 * or SIGKILL never loses a committed transaction (the WAL is in the OS page cache and is replayed on open); a power
 * loss or OS crash may roll back the last few transactions, never corrupt the file. FULL would fsync the WAL on every
 * commit, which costs far more per answer stored than the risk is worth for an interview a person can re-answer.
 */
export const DATABASE_SETTINGS = {
  journalMode: 'wal',
  foreignKeys: true,
  busyTimeoutMs: 5000,
  synchronous: 'NORMAL',
} as const;

/**
 * Creates the missing folders of `dir` one level at a time. Node 20's recursive mkdir spins forever on some paths
 * (a folder under /proc); one level at a time fails at once with the reason.
 */
function createFolders(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) createFolders(parent);
  fs.mkdirSync(dir);
}

/** Opens (creating if needed) a SQLite database with our pragmas. Accepts ':memory:' too. */
export function openDatabase(file: string): Database.Database {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) createFolders(path.dirname(path.resolve(file)));
  const db = new Database(file, { timeout: DATABASE_SETTINGS.busyTimeoutMs });
  try {
    // An in-memory database reports 'memory' here; WAL applies to files only.
    db.pragma(`journal_mode = ${DATABASE_SETTINGS.journalMode}`);
    db.pragma(`foreign_keys = ${DATABASE_SETTINGS.foreignKeys ? 'ON' : 'OFF'}`);
    db.pragma(`busy_timeout = ${DATABASE_SETTINGS.busyTimeoutMs}`);
    db.pragma(`synchronous = ${DATABASE_SETTINGS.synchronous}`);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Prepared statements kept per SQLite handle: Kysely prepares each query afresh, better-sqlite3 can reuse them. */
const STATEMENT_CACHE_SIZE = 500;

/** The better-sqlite3 handle as Kysely's SqliteDialect sees it, with a statement cache in front of prepare. */
function cachingStatements(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}

/** Kysely over an open better-sqlite3 handle; destroying it closes the handle. */
function sqliteKysely(handle: Database.Database): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new SqliteDialect({ database: cachingStatements(handle) }) });
}

/**
 * One connection per SQLite file and process, however many times it is opened (several services in one test
 * process, each standing for an instance). Two connections in one process would deadlock: a transaction waiting
 * for an await holds the write lock while the other connection's busy wait blocks the event loop it needs.
 */
const openFiles = new Map<string, { handle: Database.Database; kysely: Kysely<Schema>; users: number }>();

/** The embedded database file (created if needed) as a SqlDatabase. */
export function openSqlite(file: string, open: (file: string) => Database.Database = openDatabase): SqlDatabase {
  if (file === ':memory:' || file === '') return sqliteDatabase(open(file));
  const key = path.resolve(file);
  let shared = openFiles.get(key);
  if (!shared?.handle.open) {
    const handle = open(file);
    shared = { handle, kysely: sqliteKysely(handle), users: 0 };
    openFiles.set(key, shared);
  }
  shared.users += 1;
  let closed = false;
  return new SqlDatabase({ kind: 'sqlite', handle: shared.handle }, shared.kysely, file, async () => {
    if (closed) return;
    closed = true;
    shared.users -= 1;
    if (shared.users > 0) return;
    openFiles.delete(key);
    await shared.kysely.destroy();
  });
}

/** An open better-sqlite3 handle as a SqlDatabase; closing that closes the handle. */
export function sqliteDatabase(handle: Database.Database): SqlDatabase {
  return new SqlDatabase({ kind: 'sqlite', handle }, sqliteKysely(handle), handle.name);
}

/** Opens the target's database: the SQLite file, or a pool on the PostgreSQL server. */
export async function connectDatabase(target: DatabaseTarget): Promise<SqlDatabase> {
  // pg loads only for PostgreSQL: the embedded default starts without it
  if (target.engine === 'postgres') return (await import('./connect-postgres.js')).connectPostgres(target);
  // a file that cannot be opened or fails quick_check stops start-up with one line naming DATABASE_PATH
  return openSqlite(target.path, openCheckedDatabase);
}

/**
 * `PRAGMA quick_check` (the integrity check without the index cross-checks, so it stays fast on a large file): the
 * problems it reports, or [] for a sound file. A file damaged badly enough throws instead (SQLITE_CORRUPT, NOTADB).
 */
export function quickCheckProblems(db: Database.Database, max = 5): string[] {
  const rows = db.pragma(`quick_check(${max})`, { simple: false }) as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

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

/**
 * `PRAGMA quick_check` (the integrity check without the index cross-checks, so it stays fast on a large file): the
 * problems it reports, or [] for a sound file. A file damaged badly enough throws instead (SQLITE_CORRUPT, NOTADB).
 */
export function quickCheckProblems(db: Database.Database, max = 5): string[] {
  const rows = db.pragma(`quick_check(${max})`, { simple: false }) as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((line) => line !== 'ok');
}

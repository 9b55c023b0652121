import type Database from 'better-sqlite3';
import { DatabaseError } from '../errors.js';
import { openDatabase, quickCheckProblems } from './open-database.js';

/** The reason a file system or SQLite error gives, without a stack: "SQLITE_CANTOPEN: unable to open database file". */
function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message.replace(/\s+/g, ' ').trim() : String(error);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/**
 * Opens the database and checks it before anything is served: a path that cannot be opened, or a file that fails
 * `PRAGMA quick_check`, stops start-up with one line naming DATABASE_PATH (a damaged file would otherwise start and
 * then fail every request).
 */
export function openCheckedDatabase(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = openDatabase(file);
  } catch (error) {
    throw new DatabaseError(`DATABASE_PATH ${file}: cannot open it (${reasonOf(error)})`, { cause: error });
  }
  let problems: string[];
  try {
    problems = quickCheckProblems(db);
  } catch (error) {
    problems = [reasonOf(error)];
  }
  if (problems.length > 0) {
    db.close();
    throw new DatabaseError(
      `DATABASE_PATH ${file}: the database is damaged (quick_check: ${problems.join('; ').replace(/\s+/g, ' ').slice(0, 300)}); ` +
        'restore it from a backup (compute-advice db backup makes one)',
    );
  }
  return db;
}

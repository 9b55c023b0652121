import type Database from 'better-sqlite3';
import type { SqlDatabase } from '../../src/storage/sql-database.js';

/** The better-sqlite3 handle under services or a store, for tests that read the SQLite file directly. */
export function sqliteOf(owner: { database: SqlDatabase }): Database.Database {
  const { engine } = owner.database;
  if (engine.kind !== 'sqlite') throw new Error('this test reads the SQLite file directly');
  return engine.handle;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../src/storage/open-database.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { createStore, type Store } from '../../src/storage/store.js';

const cleanups: Array<() => void> = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-advice-storage-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens a database file in a temp folder, closed after the test. */
export function openTempDatabase(dir = tempDir(), name = 'test.db'): Database.Database {
  const db = openDatabase(path.join(dir, name));
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return db;
}

/** A migrated database file and its store. */
export function freshStore(): Store {
  const db = openTempDatabase();
  runMigrations(db, defaultMigrationsDir());
  return createStore(db);
}

/** A copy of the repository's migrations in a temp folder, to edit for refusal tests. */
export function copyMigrations(): string {
  const dir = path.join(tempDir(), 'migrations');
  fs.cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

export function tableNames(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type Database from 'better-sqlite3';
import { connectDatabase, openDatabase, sqliteDatabase } from '../../src/storage/open-database.js';
import { defaultMigrationsDir, type MigrationResult, runMigrations } from '../../src/storage/migrations.js';
import { createStore, type Store } from '../../src/storage/store.js';
import { afterThisTest, freshTarget } from '../helpers/test-database.js';

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

/** A migrated database on the engine under test and its store, closed after the test. */
export async function freshStore(): Promise<Store> {
  const db = await connectDatabase(await freshTarget());
  afterThisTest(() => db.close());
  await runMigrations(db, defaultMigrationsDir());
  return createStore(db);
}

/** Runs the migrations in `dir` on an open SQLite handle (the SQLite-specific tests read the file's schema). */
export function migrate(db: Database.Database, dir = defaultMigrationsDir()): Promise<MigrationResult> {
  return runMigrations(sqliteDatabase(db), dir);
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

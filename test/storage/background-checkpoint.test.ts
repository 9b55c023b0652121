import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBackgroundCheckpoint } from '../../src/storage/background-checkpoint.js';
import { createStore } from '../../src/storage/store.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { openTempDatabase } from './helpers.js';

describe('background WAL checkpoint', () => {
  it('turns automatic checkpoints off and checkpoints the WAL from a worker thread', async () => {
    const db = openTempDatabase();
    runMigrations(db, defaultMigrationsDir());
    const checkpoint = startBackgroundCheckpoint(db, { intervalMs: 50 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const store = createStore(db);
    for (let i = 0; i < 300; i++) store.events.markProcessed(`e${i}`, 'slack', i);
    // Wait for the worker to copy the WAL back into the database file.
    const dbFile = db.name;
    const before = statSync(dbFile).size;
    const deadline = Date.now() + 5_000;
    while (statSync(dbFile).size === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(statSync(dbFile).size).toBeGreaterThan(before);
    await checkpoint.stop();
    expect(db.prepare('SELECT count(*) AS n FROM processed_events').get()).toEqual({ n: 300 });
  });

  it('leaves in-memory databases alone (nothing to checkpoint)', async () => {
    const db = new Database(':memory:');
    const before = db.pragma('wal_autocheckpoint', { simple: true });
    await startBackgroundCheckpoint(db).stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
    db.close();
  });
});

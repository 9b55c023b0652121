import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/storage/backup.js';
import { openDatabase, sqliteDatabase } from '../../src/storage/open-database.js';
import { createStore } from '../../src/storage/store.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';
import { freshStore, tempDir } from './helpers.js';

const T0 = 1_760_000_000_000;

describe('backupDatabase', () => {
  it('writes a readable copy with the same rows, and refuses to overwrite unless asked', async () => {
    const store = await freshStore();
    await store.reviews.create({
      id: 'r',
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      requesterId: 'U1',
      workloadName: 'api',
      at: T0,
    });
    await store.answers.set('r', 'workload_kind', 'api', 'U1', T0);
    const folder = path.join(tempDir(), 'nested');
    const destination = path.join(folder, 'backup.db');
    // A missing folder is refused, not created: a mistyped path must not leave a backup where nobody looks.
    await expect(backupDatabase(sqliteOf(store), destination)).rejects.toMatchObject({ reason: 'no_folder' });
    expect(fs.existsSync(folder)).toBe(false);
    fs.mkdirSync(folder);

    const { totalPages } = await backupDatabase(sqliteOf(store), destination);
    expect(totalPages).toBeGreaterThan(0);

    const copy = openDatabase(destination);
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const restored = createStore(sqliteDatabase(copy));
      expect(await restored.reviews.get('r')).toEqual(await store.reviews.get('r'));
      expect(await restored.answers.history('r')).toEqual(await store.answers.history('r'));
      expect(copy.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBeGreaterThan(0);
    } finally {
      copy.close();
    }

    await store.answers.set('r', 'workload_kind', 'job', 'U1', T0 + 1);
    await expect(backupDatabase(sqliteOf(store), destination)).rejects.toMatchObject({ reason: 'exists' });
    await backupDatabase(sqliteOf(store), destination, { overwrite: true });
    const updated = openDatabase(destination);
    try {
      expect(await createStore(sqliteDatabase(updated)).answers.current('r')).toEqual({ workload_kind: 'job' });
    } finally {
      updated.close();
    }
  });

  it('refuses to back a database up onto itself', async () => {
    const store = await freshStore();
    await expect(backupDatabase(sqliteOf(store), sqliteOf(store).name, { overwrite: true })).rejects.toMatchObject({
      reason: 'is_database',
    });
    expect(fs.existsSync(sqliteOf(store).name)).toBe(true);
    expect(sqliteOf(store).prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBeGreaterThan(0);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_SETTINGS, openDatabase } from '../../src/storage/open-database.js';
import { openTempDatabase, tempDir } from './helpers.js';

describe('openDatabase', () => {
  it('sets WAL, foreign keys, busy timeout and synchronous=NORMAL on a file', () => {
    const db = openTempDatabase();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(DATABASE_SETTINGS.busyTimeoutMs);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // 1 = NORMAL
  });

  it('creates missing parent folders', () => {
    const file = path.join(tempDir(), 'a', 'b', 'data.db');
    const db = openDatabase(file);
    db.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('opens :memory: with foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.memory).toBe(true);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

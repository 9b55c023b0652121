import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.js';
import { tempDir } from '../storage/helpers.js';

import { builtFile } from '../helpers/built.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

describe('SQLite under crashes and contention', () => {
  it('SIGKILL during 10,000 answer writes: after restart integrity_check is ok and no acknowledged answer is lost', async () => {
    const databasePath = join(tempDir(), 'kill.db');
    const child = spawn(process.execPath, [builtFile('test/resilience/answer-writer.js'), databasePath, '10000']);
    const acks: string[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acks.push(...lines.filter((l) => l.startsWith('ack ')));
      if (acks.length >= 2_000 && !child.killed) child.kill('SIGKILL');
    });
    const [code, signal] = await once(child, 'exit');
    expect(signal ?? code).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(2_000);

    // Restart: the app opens, migrates and carries on.
    const services = await createServices({ databasePath });
    try {
      expect(sqliteOf(services).pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = sqliteOf(services).prepare('SELECT value_json FROM answers WHERE review_id = ? AND question_id = ?');
      const lost = acks.filter((line) => {
        const [, reviewId, questionId, valueJson] = line.split(' ');
        const row = stored.get(reviewId, questionId) as { value_json: string } | undefined;
        return row?.value_json !== valueJson;
      });
      expect(lost).toEqual([]);
    } finally {
      await services.close();
    }
  }, 120_000);

  it('a second writer holding the lock: the answer fails cleanly with nothing half-written, then lands once the lock is free', async () => {
    const databasePath = join(tempDir(), 'busy.db');
    const services = await createServices({ databasePath });
    try {
      const { review, step } = await services.reviews.start({ platform: 'cli', workspaceId: '', channelId: 'busy' }, 'u', 'busy');
      if (step.kind !== 'question') throw new Error('expected a question');
      const other = new Database(databasePath);
      other.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      // While the other connection holds the write lock, a short busy timeout makes our write fail cleanly.
      sqliteOf(services).pragma('busy_timeout = 50');
      await expect(services.reviews.answer(review.id, 'u', { text: '1', questionId: step.question.id })).rejects.toThrow(/locked|busy/i);
      expect(await services.store.answers.current(review.id)).toEqual({});
      other.exec('COMMIT');
      other.close();
      sqliteOf(services).pragma('busy_timeout = 5000');
      const result = await services.reviews.answer(review.id, 'u', { text: '1', questionId: step.question.id });
      expect(result.kind).toBe('accepted');
      expect(Object.keys(await services.store.answers.current(review.id))).toEqual([step.question.id]);
    } finally {
      await services.close();
    }
  });
});

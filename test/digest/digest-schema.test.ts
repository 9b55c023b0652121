/** The SQLite file's digest schema and query plans (the PostgreSQL schema is checked by the engine-matrix tests). */
import { describe, expect, it } from 'vitest';
import { digestStatsSql } from '../../src/storage/digest-repository.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';
import { freshDb } from './helpers.js';

describe('0002_digests migration', () => {
  it('adds the digest tables and indexes, and applies once', async () => {
    const t = await freshDb();
    const names = sqliteOf(t.store)
      .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    expect(names).toEqual(
      expect.arrayContaining([
        'digest_subscriptions',
        'digest_runs',
        'review_nudges',
        'reviews_completed_cover',
        'reviews_place_by_id',
        'recommendations_latest',
        'reviews_by_workspace_created',
        'reviews_open_by_place',
        'decisions_by_created',
      ]),
    );
    expect((await runMigrations(t.database, defaultMigrationsDir())).applied).toEqual([]);
  });

  it('answers every digest query from an index, never a scan of reviews or decisions', async () => {
    const t = await freshDb();
    const handle = sqliteOf(t.store);
    for (const channel of [true, false]) {
      const query = {
        platform: 'slack',
        workspaceId: 'T1',
        channelId: channel ? 'C0CHAN1' : null,
        audience: channel ? null : 'workspace',
        prevFrom: 0,
        from: 1,
        to: 2,
        stalledBefore: 1,
        listLimit: 10,
      } as const;
      for (const [name, statement] of Object.entries(digestStatsSql(t.database, channel, query))) {
        const { sql, parameters } = statement.compile(t.database.q);
        const plan = (handle.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as Array<{ detail: string }>).map((r) => r.detail);
        const scans = plan.filter((d) => /^SCAN (r|d|reviews|decisions)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
        expect(scans, `${name} (${channel ? 'channel' : 'workspace'}): ${plan.join(' | ')}`).toEqual([]);
      }
    }
  });
});

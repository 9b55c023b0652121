import { describe, expect, it } from 'vitest';
import { digestStatsSql } from '../../src/storage/digest-repository.js';
import { createStore } from '../../src/storage/store.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { at, freshDb, openDb, subscribe } from './helpers.js';

const RUN = {
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C0CHAN1',
  weekKey: '2026-W48',
  scheduledAt: at('2026-11-23T08:00:00Z'),
} as const;

describe('0002_digests migration', () => {
  it('adds the digest tables and indexes, and applies once', () => {
    const t = freshDb();
    const names = t.db
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
    expect(runMigrations(t.db, defaultMigrationsDir()).applied).toEqual([]);
  });

  it('refuses malformed schedules at the database too', () => {
    const t = freshDb();
    const insert = (weekday: number, time: string) =>
      t.db
        .prepare(
          `INSERT INTO digest_subscriptions (platform, workspace_id, channel_id, weekday, time, time_zone, created_by, created_at, updated_by, updated_at)
           VALUES ('slack', 'T1', ?, ?, ?, 'UTC', 'U1', 0, 'U1', 0)`,
        )
        .run(`C${weekday}${time}`, weekday, time);
    expect(() => insert(7, '09:00')).toThrow(/CHECK/);
    expect(() => insert(1, '9:00')).toThrow(/CHECK/);
    expect(() => insert(1, '24:00')).toThrow(/CHECK/);
    expect(() => insert(1, '23:59')).not.toThrow();
  });

  it('answers every digest query from an index, never a scan of reviews or decisions', () => {
    const t = freshDb();
    for (const channel of [true, false]) {
      for (const [name, sql] of Object.entries(digestStatsSql(channel))) {
        const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params(channel)) as Array<{ detail: string }>).map((r) => r.detail);
        const scans = plan.filter((d) => /^SCAN (r|d|reviews|decisions)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
        expect(scans, `${name} (${channel ? 'channel' : 'workspace'}): ${plan.join(' | ')}`).toEqual([]);
      }
    }
  });
});

function params(channel: boolean) {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    ...(channel ? { channelId: 'C0CHAN1' } : { audience: 'workspace' }),
    prevFrom: 0,
    from: 1,
    to: 2,
    stalledBefore: 1,
    listLimit: 10,
  };
}

describe('digest runs', () => {
  it("lets exactly one claimant post a channel's week, across connections", () => {
    const t = freshDb();
    const other = createStore(openDb(t.file));
    expect(t.digest.runs.claim(RUN, 'a', 1)).toBe(true);
    expect(other.runs.claim(RUN, 'b', 2)).toBe(false);
    expect(t.digest.runs.claim({ ...RUN, weekKey: '2026-W49' }, 'b', 3)).toBe(true);
    expect(other.runs.get(RUN)).toMatchObject({ claimedBy: 'a', claimedAt: 1, attempts: 1, postedAt: null });
  });

  it('hands a failed run to one retrier only, and never a posted one', () => {
    const t = freshDb();
    const other = createStore(openDb(t.file));
    t.digest.runs.claim(RUN, 'a', 1);
    t.digest.runs.markFailed(RUN, 2, 'x'.repeat(2000));
    const [failed] = t.digest.runs.listRetryable(10, 0, 2);
    expect(failed!.lastError).toHaveLength(500);
    expect(other.runs.claimRetry(failed!, 'b', 11)).toBe(true);
    expect(t.digest.runs.claimRetry(failed!, 'a', 11)).toBe(false);
    t.digest.runs.markPosted(RUN, 12);
    expect(t.digest.runs.listRetryable(100, 0, 5)).toEqual([]);
    t.digest.runs.markFailed(RUN, 13, 'late'); // a failure report after the post changes nothing
    expect(t.digest.runs.get(RUN)).toMatchObject({ postedAt: 12, failedAt: null, attempts: 2, claimedBy: 'b' });
  });
});

describe('digest subscriptions', () => {
  it('creates, keeps an identical schedule untouched, updates a changed one, and removes it', () => {
    const t = freshDb();
    const place = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1' } as const;
    const schedule = { weekday: 1, time: '09:00', timeZone: 'UTC', scope: 'channel' } as const;
    expect(t.digest.subscriptions.subscribe(place, schedule, 'U1', 1).outcome).toBe('created');
    expect(t.digest.subscriptions.subscribe(place, schedule, 'U2', 2).outcome).toBe('unchanged');
    expect(t.digest.subscriptions.get(place)).toMatchObject({ updatedAt: 1, updatedBy: 'U1' });
    expect(t.digest.subscriptions.subscribe(place, { ...schedule, time: '10:00' }, 'U2', 3)).toMatchObject({
      outcome: 'updated',
      subscription: { time: '10:00', createdBy: 'U1', createdAt: 1, updatedBy: 'U2', updatedAt: 3 },
    });
    subscribe(t.digest, { weekday: 2, time: '08:00', timeZone: 'UTC', channelId: 'C0CHAN2' }, 4);
    expect(t.digest.subscriptions.list().map((s) => s.channelId)).toEqual(['C0CHAN1', 'C0CHAN2']);
    expect(t.digest.subscriptions.unsubscribe(place)).toBe(true);
    expect(t.digest.subscriptions.unsubscribe(place)).toBe(false);
  });

  it('refreshes a Teams reference without counting it as a schedule change', () => {
    const t = freshDb();
    const place = { platform: 'teams', workspaceId: 'tenant', channelId: '19:x@thread.tacv2' } as const;
    const schedule = { weekday: 1, time: '09:00', timeZone: 'UTC', scope: 'channel' } as const;
    t.digest.subscriptions.subscribe(place, { ...schedule, conversationRef: { serviceUrl: 'https://old/' } }, 'a', 1);
    expect(t.digest.subscriptions.subscribe(place, { ...schedule, conversationRef: { serviceUrl: 'https://new/' } }, 'a', 2)).toMatchObject(
      {
        outcome: 'unchanged',
        subscription: { conversationRef: { serviceUrl: 'https://new/' }, updatedAt: 1 },
      },
    );
  });
});

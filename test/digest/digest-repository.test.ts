import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/storage/store.js';
import { at, freshDb, openDb, subscribe } from './helpers.js';

const RUN = {
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C0CHAN1',
  weekKey: '2026-W48',
  scheduledAt: at('2026-11-23T08:00:00Z'),
} as const;

describe('digest runs', () => {
  it("lets exactly one claimant post a channel's week, across connections", async () => {
    const t = await freshDb();
    const other = createStore(await openDb(t.target));
    expect(await t.digest.runs.claim(RUN, 'a', 1)).toBe(true);
    expect(await other.runs.claim(RUN, 'b', 2)).toBe(false);
    expect(await t.digest.runs.claim({ ...RUN, weekKey: '2026-W49' }, 'b', 3)).toBe(true);
    expect(await other.runs.get(RUN)).toMatchObject({ claimedBy: 'a', claimedAt: 1, attempts: 1, postedAt: null });
  });

  it('hands a failed run to one retrier only, and never a posted one', async () => {
    const t = await freshDb();
    const other = createStore(await openDb(t.target));
    await t.digest.runs.claim(RUN, 'a', 1);
    await t.digest.runs.markFailed(RUN, 2, 'x'.repeat(2000));
    const [failed] = await t.digest.runs.listRetryable(10, 0, 2);
    expect(failed!.lastError).toHaveLength(500);
    expect(await other.runs.claimRetry(failed!, 'b', 11)).toBe(true);
    expect(await t.digest.runs.claimRetry(failed!, 'a', 11)).toBe(false);
    await t.digest.runs.markPosted(RUN, 12);
    expect(await t.digest.runs.listRetryable(100, 0, 5)).toEqual([]);
    await t.digest.runs.markFailed(RUN, 13, 'late'); // a failure report after the post changes nothing
    expect(await t.digest.runs.get(RUN)).toMatchObject({ postedAt: 12, failedAt: null, attempts: 2, claimedBy: 'b' });
  });
});

describe('digest subscriptions', () => {
  it('creates, keeps an identical schedule untouched, updates a changed one, and removes it', async () => {
    const t = await freshDb();
    const place = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1' } as const;
    const schedule = { weekday: 1, time: '09:00', timeZone: 'UTC', scope: 'channel' } as const;
    expect((await t.digest.subscriptions.subscribe(place, schedule, 'U1', 1)).outcome).toBe('created');
    expect((await t.digest.subscriptions.subscribe(place, schedule, 'U2', 2)).outcome).toBe('unchanged');
    expect(await t.digest.subscriptions.get(place)).toMatchObject({ updatedAt: 1, updatedBy: 'U1' });
    expect(await t.digest.subscriptions.subscribe(place, { ...schedule, time: '10:00' }, 'U2', 3)).toMatchObject({
      outcome: 'updated',
      subscription: { time: '10:00', createdBy: 'U1', createdAt: 1, updatedBy: 'U2', updatedAt: 3 },
    });
    await subscribe(t.digest, { weekday: 2, time: '08:00', timeZone: 'UTC', channelId: 'C0CHAN2' }, 4);
    expect((await t.digest.subscriptions.list()).map((s) => s.channelId)).toEqual(['C0CHAN1', 'C0CHAN2']);
    expect(await t.digest.subscriptions.unsubscribe(place)).toBe(true);
    expect(await t.digest.subscriptions.unsubscribe(place)).toBe(false);
  });

  it('refreshes a Teams reference without counting it as a schedule change', async () => {
    const t = await freshDb();
    const place = { platform: 'teams', workspaceId: 'tenant', channelId: '19:x@thread.tacv2' } as const;
    const schedule = { weekday: 1, time: '09:00', timeZone: 'UTC', scope: 'channel' } as const;
    await t.digest.subscriptions.subscribe(place, { ...schedule, conversationRef: { serviceUrl: 'https://old/' } }, 'a', 1);
    expect(
      await t.digest.subscriptions.subscribe(place, { ...schedule, conversationRef: { serviceUrl: 'https://new/' } }, 'a', 2),
    ).toMatchObject({
      outcome: 'unchanged',
      subscription: { conversationRef: { serviceUrl: 'https://new/' }, updatedAt: 1 },
    });
  });
});

describe('digest schedules in the database', () => {
  it('refuses malformed schedules at the database too', async () => {
    const t = await freshDb();
    const insert = (weekday: number, time: string) =>
      t.database.q
        .insertInto('digest_subscriptions')
        .values({
          platform: 'slack',
          workspace_id: 'T1',
          channel_id: `C${weekday}${time}`,
          weekday,
          time,
          time_zone: 'UTC',
          conversation_ref: null,
          created_by: 'U1',
          created_at: 0,
          updated_by: 'U1',
          updated_at: 0,
        })
        .execute();
    await expect(insert(7, '09:00')).rejects.toThrow(/CHECK/i);
    await expect(insert(1, '9:00')).rejects.toThrow(/CHECK/i);
    await expect(insert(1, '24:00')).rejects.toThrow(/CHECK/i);
    await expect(insert(1, '23:59')).resolves.toBeDefined();
  });
});

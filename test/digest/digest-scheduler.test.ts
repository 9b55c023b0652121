import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/storage/store.js';
import { DAY, HOUR, MINUTE, at, fakeClock, freshDb, iso, openDb, subscribe } from './helpers.js';
import { schedulerOn, tickThrough, type Post } from './scheduler-harness.js';

const BERLIN_MON_9 = { weekday: 1, time: '09:00', timeZone: 'Europe/Berlin' };
const SET_AT = at('2026-11-01T00:00:00Z');

describe('digest scheduler: timing', () => {
  it('posts at the scheduled minute, once, and again after the week boundary', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, at('2026-11-22T22:00:00Z')); // set on Sunday evening: last Monday's is not owed
    const clock = fakeClock('2026-11-22T22:00:00Z');
    const posts: Post[] = [];
    const s = schedulerOn(t.database, clock, posts, 'a');
    // Sunday 23:00 local through Monday 10:00 local, every minute
    await tickThrough(s, clock, at('2026-11-22T22:00:00Z'), at('2026-11-23T09:00:00Z'));
    expect(posts.map((p) => iso(p.at))).toEqual(['2026-11-23T08:00:00.000Z']);
    // the rest of the week: nothing more
    await tickThrough(s, clock, at('2026-11-23T09:00:00Z'), at('2026-11-30T07:59:00Z'), 30 * MINUTE);
    expect(posts).toHaveLength(1);
    // the next week's Monday
    await tickThrough(s, clock, at('2026-11-30T07:55:00Z'), at('2026-11-30T08:05:00Z'));
    expect(posts.map((p) => iso(p.at))).toEqual(['2026-11-23T08:00:00.000Z', '2026-11-30T08:00:00.000Z']);
    const runs = await t.digest.runs.listForWeeks(['2026-W48', '2026-W49']);
    expect(runs.map((r) => [r.weekKey, r.postedAt !== null, r.claimedBy])).toEqual([
      ['2026-W48', true, 'a'],
      ['2026-W49', true, 'a'],
    ]);
    expect(posts[0]!.slack!.blocks[1]).toMatchObject({
      elements: [{ text: expect.stringContaining('Mon 16 Nov, 09:00 – Mon 23 Nov 2026, 09:00') }],
    });
  });

  it.each([
    [
      'Europe/Berlin, spring forward (29 Mar)',
      'Europe/Berlin',
      ['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z'],
      '2026-03-22T00:00:00Z',
      '2026-03-30T12:00:00Z',
    ],
    [
      'Europe/Berlin, fall back (25 Oct)',
      'Europe/Berlin',
      ['2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z'],
      '2026-10-18T00:00:00Z',
      '2026-10-26T12:00:00Z',
    ],
    [
      'America/New_York, spring forward (8 Mar)',
      'America/New_York',
      ['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z'],
      '2026-03-01T00:00:00Z',
      '2026-03-09T18:00:00Z',
    ],
    [
      'America/New_York, fall back (1 Nov)',
      'America/New_York',
      ['2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z'],
      '2026-10-25T00:00:00Z',
      '2026-11-02T18:00:00Z',
    ],
  ])('fires at 09:00 local wall-clock time across a DST change: %s', async (_name, timeZone, expected, from, to) => {
    const t = await freshDb();
    await subscribe(t.digest, { weekday: 1, time: '09:00', timeZone }, at(from));
    const clock = fakeClock(from);
    const posts: Post[] = [];
    const s = schedulerOn(t.database, clock, posts, 'a');
    await tickThrough(s, clock, at(from), at(to), 5 * MINUTE);
    expect(posts.map((p) => iso(p.at))).toEqual(expected);
  });

  it('fires a Sunday 02:30 digest once on both DST Sundays in Berlin (time skipped, time repeated)', async () => {
    const t = await freshDb();
    await subscribe(t.digest, { weekday: 0, time: '02:30', timeZone: 'Europe/Berlin' }, at('2026-03-28T22:00:00Z'));
    const clock = fakeClock('2026-03-28T22:00:00Z');
    const posts: Post[] = [];
    const s = schedulerOn(t.database, clock, posts, 'a');
    await tickThrough(s, clock, at('2026-03-28T22:00:00Z'), at('2026-03-29T04:00:00Z'));
    await tickThrough(s, clock, at('2026-10-24T22:00:00Z'), at('2026-10-25T04:00:00Z'));
    expect(posts.map((p) => iso(p.at))).toEqual(['2026-03-29T01:30:00.000Z', '2026-10-25T01:30:00.000Z']);
  });
});

describe('digest scheduler: exactly once', () => {
  it('does not post again after a restart during the scheduled minute', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:00:10Z');
    const first = schedulerOn(t.database, clock, posts, 'before-restart');
    await first.tick();
    await first.stop();
    await t.database.close();

    const db = await openDb(t.target); // the restarted process: a new connection to the same database
    clock.set('2026-11-23T08:00:40Z');
    const second = schedulerOn(db, clock, posts, 'after-restart');
    await second.tick();
    clock.set('2026-11-23T08:01:05Z');
    await second.tick();
    expect(posts.map((p) => p.instanceId)).toEqual(['before-restart']);
  });

  it('posts one digest when two schedulers share the database', async () => {
    const t = await freshDb();
    for (const channelId of ['C0CHAN1', 'C0CHAN2', 'C0CHAN3']) await subscribe(t.digest, { ...BERLIN_MON_9, channelId }, SET_AT);
    const other = await openDb(t.target); // a second instance
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:00:00Z');
    const a = schedulerOn(t.database, clock, posts, 'a');
    const b = schedulerOn(other, clock, posts, 'b');
    for (let i = 0; i < 3; i++) {
      await Promise.all([a.tick(), b.tick(), b.tick(), a.tick()]);
      clock.advance(MINUTE);
    }
    expect(posts.map((p) => p.to).sort()).toEqual(['C0CHAN1', 'C0CHAN2', 'C0CHAN3']);
    const runs = await createStore(other).runs.listForWeeks(['2026-W48']);
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.postedAt !== null && r.attempts === 1)).toBe(true);
  });

  it('catches up a digest missed while down, once, after start in the same week', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    // down from Sunday to Wednesday afternoon
    const clock = fakeClock('2026-11-25T14:03:00Z');
    const s = schedulerOn(t.database, clock, posts, 'a', { tickMs: 60 * MINUTE });
    s.start(); // ticks at once
    await expect.poll(() => posts.length).toBe(1);
    await s.stop();
    expect(posts[0]!.at).toBe(at('2026-11-25T14:03:00Z'));
    // it covers the week up to the scheduled time, not up to the late start
    expect(JSON.stringify(posts[0]!.slack!.blocks)).toContain('Mon 16 Nov, 09:00 – Mon 23 Nov 2026, 09:00');
    const again = schedulerOn(t.database, clock, posts, 'b');
    await tickThrough(again, clock, at('2026-11-25T14:04:00Z'), at('2026-11-29T22:59:00Z'), HOUR);
    expect(posts).toHaveLength(1);
  });

  it('does not post a missed digest in the next week', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    // down from before Monday 23 Nov 09:00 until Monday 30 Nov 00:30 local
    const clock = fakeClock('2026-11-29T23:30:00Z');
    const s = schedulerOn(t.database, clock, posts, 'a');
    await s.tick();
    expect(posts).toEqual([]);
    expect(await t.digest.runs.listForWeeks(['2026-W48'])).toEqual([]);
    // and the new week's digest still comes at its time
    await tickThrough(s, clock, at('2026-11-30T07:58:00Z'), at('2026-11-30T08:02:00Z'));
    expect(posts.map((p) => iso(p.at))).toEqual(['2026-11-30T08:00:00.000Z']);
  });

  it("does not post for a schedule set after this week's time has passed", async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, at('2026-11-23T10:00:00Z'));
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T10:01:00Z');
    await schedulerOn(t.database, clock, posts, 'a').tick();
    expect(posts).toEqual([]);
  });
});

describe('digest scheduler: failures', () => {
  it('records a failed post and retries it once after the delay', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    let failures = 1;
    const clock = fakeClock('2026-11-23T08:00:00Z');
    const s = schedulerOn(t.database, clock, posts, 'a', {
      retryDelayMs: 5 * MINUTE,
      failWith: () => (failures-- > 0 ? new Error('channel_not_found xoxb-123-secret') : undefined),
    });
    expect(await s.tick()).toMatchObject({ digestsPosted: 0, digestsFailed: 1 });
    const key = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1', weekKey: '2026-W48' } as const;
    expect(await t.digest.runs.get(key)).toMatchObject({
      postedAt: null,
      failedAt: at('2026-11-23T08:00:00Z'),
      attempts: 1,
      lastError: 'channel_not_found [REDACTED]',
    });
    clock.advance(4 * MINUTE);
    expect(await s.tick()).toMatchObject({ digestsPosted: 0, digestsFailed: 0 });
    clock.advance(MINUTE);
    expect(await s.tick()).toMatchObject({ digestsPosted: 1 });
    expect(await t.digest.runs.get(key)).toMatchObject({
      postedAt: at('2026-11-23T08:05:00Z'),
      attempts: 2,
      failedAt: null,
      lastError: null,
    });
    expect(posts).toHaveLength(1);
  });

  it('gives up after the one retry', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:00:00Z');
    const s = schedulerOn(t.database, clock, posts, 'a', { retryDelayMs: MINUTE, failWith: () => new Error('boom') });
    await tickThrough(s, clock, at('2026-11-23T08:00:00Z'), at('2026-11-23T09:00:00Z'));
    const run = await t.digest.runs.get({ platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1', weekKey: '2026-W48' });
    expect(run).toMatchObject({ attempts: 2, postedAt: null, lastError: 'boom' });
  });

  it('leaves a subscription unclaimed when this instance has no outbox for its platform', async () => {
    const t = await freshDb();
    await subscribe(
      t.digest,
      {
        ...BERLIN_MON_9,
        platform: 'teams',
        channelId: '19:chan@thread.tacv2',
        conversationRef: { conversation: { id: '19:chan@thread.tacv2' }, serviceUrl: 'http://127.0.0.1:1/' },
      },
      SET_AT,
    );
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:00:00Z');
    const slackOnly = schedulerOn(t.database, clock, posts, 'slack-only', {
      outboxes: { slack: { postDigest: async () => {}, postReminder: async () => {} } },
    });
    await slackOnly.tick();
    expect(await t.digest.runs.listForWeeks(['2026-W48'])).toEqual([]);
    // an instance that can post to Teams picks it up
    await schedulerOn(t.database, clock, posts, 'both').tick();
    expect(posts).toMatchObject([{ kind: 'teams', to: '19:chan@thread.tacv2', instanceId: 'both' }]);
    expect(posts[0]!.card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it("names the server's lenses in every digest it posts", async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:00:00Z');
    await schedulerOn(t.database, clock, posts, 'a', { lenses: [{ name: 'acme-platform', version: '1.2.0' }] }).tick();
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.slack!.blocks.at(-1))).toContain('compute-advice · Lens acme-platform 1.2.0 · ');
  });
});

describe('digest scheduler: pacing', () => {
  it('spaces posts to one channel and does not hold up other channels', async () => {
    const t = await freshDb();
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:00:00Z');
    // stalled interviews: three in one channel, one in another
    for (const [i, channelId] of ['C0BUSY1', 'C0BUSY1', 'C0BUSY1', 'C0QUIET'].entries()) {
      const r = await t.store.reviews.create({
        id: `r-${i}`,
        platform: 'slack',
        workspaceId: 'T1',
        channelId,
        threadRef: `1763000000.00000${i}`,
        requesterId: 'U1',
        workloadName: `w${i}`,
        at: clock.now() - 30 * HOUR,
      });
      expect(r.status).toBe('in_progress');
    }
    const started = performance.now();
    const times: Array<[string, number]> = [];
    const s = schedulerOn(t.database, clock, posts, 'a', {
      pacing: { slackMs: 120 },
      outboxes: {
        slack: {
          postDigest: async () => {},
          postReminder: async (review) => void times.push([review.channelId, performance.now() - started]),
        },
      },
    });
    await s.tick();
    const busy = times.filter(([c]) => c === 'C0BUSY1').map(([, ms]) => ms);
    const quiet = times.filter(([c]) => c === 'C0QUIET').map(([, ms]) => ms);
    expect(busy).toHaveLength(3);
    expect(busy[1]! - busy[0]!).toBeGreaterThanOrEqual(110);
    expect(busy[2]! - busy[1]!).toBeGreaterThanOrEqual(110);
    expect(quiet[0]!).toBeLessThan(busy[1]!);
  });
});

describe('digest scheduler: timer', () => {
  it('start() ticks at once and stop() ends it; a second start() is harmless', async () => {
    const t = await freshDb();
    await subscribe(t.digest, BERLIN_MON_9, SET_AT);
    const posts: Post[] = [];
    const clock = fakeClock('2026-11-23T08:30:00Z');
    const s = schedulerOn(t.database, clock, posts, 'a');
    s.start();
    s.start();
    await expect.poll(() => posts.length).toBe(1);
    await s.stop();
    expect(DAY).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, at, fakeClock, freshDb, openDb } from './helpers.js';
import { schedulerOn, tickThrough, type Post } from './scheduler-harness.js';

const START = at('2026-11-10T09:00:00Z');

function start(t: Awaited<ReturnType<typeof freshDb>>, name: string, platform: 'slack' | 'teams' | 'cli' = 'slack') {
  return t.store.reviews.create({
    platform,
    workspaceId: 'T1',
    channelId: platform === 'slack' ? 'C0CHAN1' : 'chan',
    threadRef: platform === 'slack' ? '1763000000.000100' : null,
    requesterId: 'U1',
    workloadName: name,
    at: START,
  });
}

describe('reminders for stalled interviews', () => {
  it('nudges an interview idle for 24 hours once, in its thread, and never again for the same silence', async () => {
    const t = await freshDb();
    const review = await start(t, 'payments-webhooks');
    const posts: Post[] = [];
    const clock = fakeClock(START);
    const s = schedulerOn(t.database, clock, posts, 'a');
    await tickThrough(s, clock, START, START + 24 * HOUR - MINUTE, 30 * MINUTE);
    expect(posts).toEqual([]);
    await tickThrough(s, clock, START + 24 * HOUR, START + 3 * DAY, 30 * MINUTE);
    expect(posts.map((p) => [p.kind, p.to, p.at])).toEqual([['nudge', review.id, START + 24 * HOUR]]);
    expect(posts[0]!.notice!.text).toBe(
      'The compute review of payments-webhooks has been waiting for an answer for 24 hours. Reply to the last question in this thread to carry on; after 7 days without activity it expires.',
    );
    expect(await t.digest.reminders.nudgesFor(review.id)).toMatchObject([
      { idleSince: START, claimedBy: 'a', postedAt: START + 24 * HOUR },
    ]);
  });

  it('nudges once across a restart and across two instances', async () => {
    const t = await freshDb();
    await start(t, 'one');
    await start(t, 'two');
    const posts: Post[] = [];
    const clock = fakeClock(START + 25 * HOUR);
    const other = await openDb(t.target);
    const a = schedulerOn(t.database, clock, posts, 'a');
    const b = schedulerOn(other, clock, posts, 'b');
    await Promise.all([a.tick(), b.tick()]);
    await a.stop();
    const restarted = schedulerOn(await openDb(t.target), clock, posts, 'a-restarted');
    clock.advance(HOUR);
    await Promise.all([restarted.tick(), b.tick()]);
    expect(posts.filter((p) => p.kind === 'nudge')).toHaveLength(2);
  });

  it('nudges again after the interview woke up and stalled again', async () => {
    const t = await freshDb();
    const review = await start(t, 'one');
    const posts: Post[] = [];
    const clock = fakeClock(START + 25 * HOUR);
    const s = schedulerOn(t.database, clock, posts, 'a');
    await s.tick();
    await t.store.reviews.touch(review.id, START + 26 * HOUR); // someone answered
    clock.set(START + 49 * HOUR);
    await s.tick();
    expect(posts).toHaveLength(0 + 1);
    clock.set(START + 50 * HOUR);
    await s.tick();
    expect(posts.map((p) => p.kind)).toEqual(['nudge', 'nudge']);
    expect((await t.digest.reminders.nudgesFor(review.id)).map((n) => n.idleSince)).toEqual([START, START + 26 * HOUR]);
  });

  it('expires an interview idle for 7 days once, with a short note, and nudges it no more', async () => {
    const t = await freshDb();
    const review = await start(t, 'payments-webhooks');
    const posts: Post[] = [];
    const clock = fakeClock(START);
    const other = await openDb(t.target);
    const a = schedulerOn(t.database, clock, posts, 'a');
    const b = schedulerOn(other, clock, posts, 'b');
    for (let time = START; time <= START + 9 * DAY; time += 6 * HOUR) {
      clock.set(time);
      await Promise.all([a.tick(), b.tick()]);
    }
    expect(posts.map((p) => [p.kind, p.at])).toEqual([
      ['nudge', START + 24 * HOUR],
      ['expireNote', START + 7 * DAY],
    ]);
    expect(posts[1]!.notice!.text).toBe(
      'The compute review of payments-webhooks expired after 7 days without activity. Start a new review to pick it up again.',
    );
    expect((await t.store.reviews.get(review.id))!.status).toBe('expired');
  });

  it('expires rather than nudges an interview already past both delays, and reports it', async () => {
    const t = await freshDb();
    const review = await start(t, 'old');
    const posts: Post[] = [];
    const clock = fakeClock(START + 10 * DAY);
    expect(await schedulerOn(t.database, clock, posts, 'a').tick()).toMatchObject({ expired: 1, nudgesPosted: 0 });
    expect(posts.map((p) => p.kind)).toEqual(['expireNote']);
    expect((await t.store.reviews.get(review.id))!.status).toBe('expired');
  });

  it('uses the configured delays', async () => {
    const t = await freshDb();
    await start(t, 'quick');
    const posts: Post[] = [];
    const clock = fakeClock(START);
    const s = schedulerOn(t.database, clock, posts, 'a', { reminderAfterHours: 2, expireAfterDays: 1 });
    await tickThrough(s, clock, START, START + 2 * DAY, 30 * MINUTE);
    expect(posts.map((p) => [p.kind, (p.at - START) / HOUR])).toEqual([
      ['nudge', 2],
      ['expireNote', 24],
    ]);
    expect(posts[0]!.notice!.text).toContain('after 1 day without activity it expires');
  });

  it('leaves CLI interviews, completed and cancelled reviews alone', async () => {
    const t = await freshDb();
    const cli = await start(t, 'terminal', 'cli');
    const done = await start(t, 'done');
    await t.store.reviews.setStatus(done.id, 'completed', START);
    const cancelled = await start(t, 'cancelled');
    await t.store.reviews.setStatus(cancelled.id, 'cancelled', START);
    const posts: Post[] = [];
    const clock = fakeClock(START + 10 * DAY);
    await schedulerOn(t.database, clock, posts, 'a').tick();
    expect(posts).toEqual([]);
    expect((await t.store.reviews.get(cli.id))!.status).toBe('in_progress');
  });

  it('records a failed nudge and does not retry it', async () => {
    const t = await freshDb();
    const review = await start(t, 'one');
    const posts: Post[] = [];
    const clock = fakeClock(START + 25 * HOUR);
    const s = schedulerOn(t.database, clock, posts, 'a', { failWith: () => new Error('not_in_channel') });
    expect(await s.tick()).toMatchObject({ nudgesFailed: 1 });
    clock.advance(HOUR);
    expect(await s.tick()).toMatchObject({ nudgesFailed: 0, nudgesPosted: 0 });
    expect(await t.digest.reminders.nudgesFor(review.id)).toMatchObject([{ postedAt: null, lastError: 'not_in_channel' }]);
  });

  it('escapes the workload name in the Slack and Teams notes', async () => {
    const t = await freshDb();
    await start(t, '<!channel> *now*');
    const posts: Post[] = [];
    const clock = fakeClock(START + 25 * HOUR);
    await schedulerOn(t.database, clock, posts, 'a').tick();
    const notice = posts[0]!.notice!;
    expect(notice.slack.text).toContain('*&lt;!channel&gt; ∗now∗*');
    expect(JSON.stringify(notice.slack.blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(notice.teams)).toContain('\\\\*now\\\\*');
  });
});

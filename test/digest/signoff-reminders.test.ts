import { describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { DAY, HOUR, MINUTE, at, fakeClock, freshDb, openDb, seedReview, recordSignOff, type TestDb } from './helpers.js';
import { schedulerOn, tickThrough, type Post } from './scheduler-harness.js';

const START = at('2026-11-10T09:00:00Z');

/** A completed review whose sign-off `approvers` were asked for at `askedAt`. */
async function awaitingSignOff(
  t: TestDb,
  approvers: string[],
  askedAt = START,
  platform: 'slack' | 'teams' = 'slack',
  names: Record<string, string> = {},
) {
  const review = await seedReview(t.store, { name: 'payments-webhooks', platform, startedAt: START - HOUR, completedAt: START - MINUTE });
  for (const approver of approvers) await t.store.signoffs.request(review.id, approver, 'U1', askedAt, names);
  return review;
}

const reminders = (posts: Post[]) => posts.filter((p) => p.kind === 'signoff');

describe('sign-off reminders', () => {
  it('reminds the approvers who have not acted once, after SIGNOFF_REMINDER_HOURS, in the thread, mentioning only them', async () => {
    const t = await freshDb();
    const review = await awaitingSignOff(t, ['UANN', 'UBEN', 'UCAT']);
    await recordSignOff(t.store, review.id, 'UBEN', 'approved', START + HOUR);
    const posts: Post[] = [];
    const clock = fakeClock(START);
    const s = schedulerOn(t.database, clock, posts, 'a');
    await tickThrough(s, clock, START, START + 24 * HOUR - MINUTE, 30 * MINUTE);
    expect(reminders(posts)).toEqual([]);
    await tickThrough(s, clock, START + 24 * HOUR, START + 4 * DAY, 30 * MINUTE);
    expect(reminders(posts).map((p) => [p.to, p.at])).toEqual([[review.id, START + 24 * HOUR]]);
    const notice = reminders(posts)[0]!.notice!;
    expect(notice.slack.text).toBe(
      '<@UANN>, <@UCAT>: the compute review of *payments-webhooks* has been waiting for your sign-off for 24 hours. Approve it or request changes on the card in this thread.',
    );
    expect(notice.slack.text).not.toContain('UBEN');
    expect(await t.store.signoffReminders.remindersOf(review.id)).toEqual([
      { approverId: 'UANN', remindedAt: START + 24 * HOUR, remindedBy: 'a' },
      { approverId: 'UBEN', remindedAt: null, remindedBy: null },
      { approverId: 'UCAT', remindedAt: START + 24 * HOUR, remindedBy: 'a' },
    ]);
  });

  it('follows SIGNOFF_REMINDER_HOURS, reminds an approver named later on their own clock, and leaves signed-off or reopened reviews alone', async () => {
    const t = await freshDb();
    const review = await awaitingSignOff(t, ['UANN']);
    const done = await awaitingSignOff(t, ['UDON']);
    await recordSignOff(t.store, done.id, 'UDON', 'approved', START + MINUTE);
    const reopened = await awaitingSignOff(t, ['UREO']);
    await t.store.reviews.setStatus(reopened.id, 'in_progress', START + MINUTE); // an answer is being changed
    const posts: Post[] = [];
    const clock = fakeClock(START);
    const s = schedulerOn(t.database, clock, posts, 'a', { signOffReminderHours: 2 });
    await tickThrough(s, clock, START, START + 3 * HOUR, 15 * MINUTE);
    await t.store.signoffs.request(review.id, 'UBEN', 'U1', START + 3 * HOUR);
    await tickThrough(s, clock, START + 3 * HOUR, START + 6 * HOUR, 15 * MINUTE);
    expect(reminders(posts).map((p) => [p.to, p.at, p.notice!.slack.text.split(':')[0]])).toEqual([
      [review.id, START + 2 * HOUR, '<@UANN>'],
      [review.id, START + 5 * HOUR, '<@UBEN>'],
    ]);
  });

  it('two schedulers racing on one database, and a restart after, post one reminder per review', async () => {
    const t = await freshDb();
    const reviews = [];
    for (let i = 0; i < 6; i++) reviews.push(await awaitingSignOff(t, ['UANN', 'UBEN']));
    const posts: Post[] = [];
    const clock = fakeClock(START + 25 * HOUR);
    const a = schedulerOn(t.database, clock, posts, 'a');
    const b = schedulerOn(await openDb(t.target), clock, posts, 'b');
    await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await a.stop();
    const restarted = schedulerOn(await openDb(t.target), clock, posts, 'a-restarted');
    clock.advance(HOUR);
    await Promise.all([restarted.tick(), b.tick()]);
    expect(
      reminders(posts)
        .map((p) => p.to)
        .sort(),
    ).toEqual(reviews.map((r) => r.id).sort());
    for (const post of reminders(posts)) expect(post.notice!.slack.text).toMatch(/^<@UANN>, <@UBEN>: /);
  });

  it('mentions the approvers on Teams with mention entities, in a card that validates', async () => {
    const t = await freshDb();
    const review = await awaitingSignOff(t, ['29:1ann', '29:1ben'], START, 'teams');
    const posts: Post[] = [];
    const s = schedulerOn(t.database, fakeClock(START + 50 * HOUR), posts, 'a');
    await s.tick();
    const card = reminders(posts)[0]!.notice!.teams;
    expect(reminders(posts)[0]!.to).toBe(review.id);
    expect(card.msteams?.entities?.map((e) => e.mentioned.id)).toEqual(['29:1ann', '29:1ben']);
    expect(JSON.stringify(card.body)).toContain('<at>approver</at>, <at>approver</at>: the compute review of **payments-webhooks**');
    expect(JSON.stringify(card.body)).toContain('for 2 days');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('on Teams, names each approver as they were mentioned when asked, escaped; "approver" where no name was stored', async () => {
    const t = await freshDb();
    await awaitingSignOff(t, ['29:1ann', '29:1ben'], START, 'teams', { '29:1ann': 'Ann *Bold* Lee' });
    const posts: Post[] = [];
    await schedulerOn(t.database, fakeClock(START + 50 * HOUR), posts, 'a').tick();
    const card = reminders(posts)[0]!.notice!.teams;
    expect(card.msteams?.entities).toEqual([
      { type: 'mention', text: '<at>Ann \\*Bold\\* Lee</at>', mentioned: { id: '29:1ann', name: 'Ann *Bold* Lee' } },
      { type: 'mention', text: '<at>approver</at>', mentioned: { id: '29:1ben', name: 'approver' } },
    ]);
    expect(JSON.stringify(card.body)).toContain('<at>Ann \\\\*Bold\\\\* Lee</at>, <at>approver</at>: the compute review of');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('a failed post is logged and counted, never retried (the claim stands)', async () => {
    const t = await freshDb();
    await awaitingSignOff(t, ['UANN']);
    const posts: Post[] = [];
    const clock = fakeClock(START + 25 * HOUR);
    const s = schedulerOn(t.database, clock, posts, 'a', { failWith: () => new Error('channel_not_found') });
    expect(await s.tick()).toMatchObject({ signOffRemindersPosted: 0, signOffRemindersFailed: 1 });
    clock.advance(HOUR);
    expect(await s.tick()).toMatchObject({ signOffRemindersPosted: 0, signOffRemindersFailed: 0 });
  });
});

/**
 * Slack retries an event up to three times (x-slack-retry-num 1, 2, 3) with the same event_id: at once, after about a
 * minute and after about five. Here the first retry races the original and a restart (a new process on the same
 * SQLite file) sits between the others. Buttons clicked twice get the same treatment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECOVERY_GRACE_MS } from '../../src/app/review-service.js';
import { texts } from '../../src/conversation/texts.js';
import { eventKey } from '../../src/slack/events/message-event.js';
import { clickAction, firstChoiceAction, latestReviewOf, postedMessage, runCommand } from '../slack/helpers/interview-driver.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import {
  appMentionEvent,
  BOT_USER_ID,
  eventEnvelope,
  messageEvent,
  newChannelId,
  TEAM_ID,
  uniqueId,
} from '../slack/helpers/slack-payloads.js';
import { ephemeralsTo, historyCounts, questionPosts } from './helpers/slack-steps.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

const retry = (n: number) => ({ headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' } });

/** The original delivery and retry 1 at once, a restart, retry 2, another restart, retry 3. */
async function deliverFourTimes(envelope: Record<string, unknown>): Promise<void> {
  const statuses = (await Promise.all([h.send.event(envelope), h.send.event(envelope, retry(1))])).map((r) => r.status);
  await h.slack.whenIdle();
  await h.restart();
  statuses.push((await h.send.event(envelope, retry(2))).status);
  await h.slack.whenIdle();
  await h.restart();
  statuses.push((await h.send.event(envelope, retry(3))).status);
  await h.slack.whenIdle();
  expect(statuses).toEqual([200, 200, 200, 200]);
}

async function startReview(user: string) {
  const channel = newChannelId();
  await runCommand(h, 'redelivery-check', { user, channel });
  return { channel, review: await latestReviewOf(h, TEAM_ID, user) };
}

describe('Slack events redelivered three times, across restarts', () => {
  it('an app_mention that starts a review: one review, one first question, no "already running" note', async () => {
    const user = 'URETRYMENTION';
    const channel = newChannelId();
    const mention = appMentionEvent({ user, channel, text: `<@${BOT_USER_ID}> ledger-sync` });
    await deliverFourTimes(eventEnvelope(mention));

    const reviews = await h.services.store.reviews.listForUser('slack', TEAM_ID, user, 5);
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!;
    // the mention is the thread's parent: stored once, never re-posted by the bot
    expect(review.threadRef).toBe(mention.ts);
    expect((await h.services.store.messages.get(review.id, 'parent'))?.messageRef).toBe(mention.ts);
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel && p.thread_ts === undefined)).toHaveLength(0);
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel)).toHaveLength(1);
    expect(ephemeralsTo(h, user)).toEqual([]);
  });

  it('a thread reply that answers: one stored answer, one next question', async () => {
    const user = 'URETRYREPLY';
    const { channel, review } = await startReview(user);
    const first = await h.services.reviews.step(review.id);
    if (first?.kind !== 'question') throw new Error('expected a question');
    const eventId = uniqueId('Ev');
    await deliverFourTimes(eventEnvelope(messageEvent({ user, channel, threadTs: review.threadRef!, text: '1' }), eventId));

    expect(historyCounts(h, review.id)).toEqual({ [first.question.id]: 1 });
    const next = await h.services.reviews.step(review.id);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(questionPosts(h, channel, next.question.id)).toHaveLength(1);
    // parent, first question, next question: nothing else in the channel
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel)).toHaveLength(3);
    expect(ephemeralsTo(h, user)).toEqual([]);
  });

  it('a design proposal in a design-review channel: one offer; its button clicked twice across a restart starts one review', async () => {
    const user = 'URETRYOFFER';
    const channel = newChannelId();
    await h.services.store.channels.setDesignReview('slack', TEAM_ID, channel, true, null, 'UADMIN', Date.now());
    const proposal = messageEvent({ user, channel, text: 'RFC: payments webhooks v2\nMoving the webhook fan-out to a queue.' });
    await deliverFourTimes(eventEnvelope(proposal));
    const offers = h.api.ok('chat.postMessage', (p) => p.channel === channel && p.thread_ts === proposal.ts);
    expect(offers).toHaveLength(1);

    const button = (offers[0]!.params.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>).find(
      (b) => b.type === 'actions',
    )!.elements![0]!;
    const click = {
      user,
      channel,
      messageTs: offers[0]!.response!.ts as string,
      threadTs: proposal.ts as string,
      action: { type: 'button', action_id: button.action_id, block_id: 'design_review_offer', value: button.value, text: button.text },
    };
    await clickAction(h, click);
    await h.slack.whenIdle();
    await h.restart();
    await clickAction(h, click);
    await h.slack.whenIdle();

    const reviews = await h.services.store.reviews.listForUser('slack', TEAM_ID, user, 5);
    expect(reviews).toHaveLength(1);
    const first = await h.services.reviews.step(reviews[0]!.id);
    if (first?.kind !== 'question') throw new Error('expected a question');
    expect(questionPosts(h, channel, first.question.id)).toHaveLength(1);
    // the second click is told the review is already running, privately
    expect(ephemeralsTo(h, user, channel)).toEqual([texts.alreadyRunning(reviews[0]!)]);
  });
});

describe('Slack buttons clicked twice across a restart', () => {
  it('a double-clicked answer: one stored answer, one next question; the replayed click is silent, the second click says "already answered"', async () => {
    const user = 'UDOUBLE';
    const { channel, review } = await startReview(user);
    const first = await h.services.reviews.step(review.id);
    if (first?.kind !== 'question') throw new Error('expected a question');
    const ts = (await h.services.store.messages.get(review.id, 'question', first.question.id))!.messageRef;
    const click = {
      user,
      channel,
      messageTs: ts,
      threadTs: review.threadRef,
      action: firstChoiceAction(postedMessage(h, ts), first.question.id),
      actionTs: '1700000001.000001',
    };

    await clickAction(h, click);
    await h.slack.whenIdle();
    await h.restart();
    // the same payload again (same action_ts: a replay) and the second click of a double click (its own action_ts)
    await clickAction(h, click);
    await h.slack.whenIdle();
    await clickAction(h, { ...click, actionTs: '1700000001.000002' });
    await h.slack.whenIdle();

    expect(historyCounts(h, review.id)).toEqual({ [first.question.id]: 1 });
    const next = await h.services.reviews.step(review.id);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(questionPosts(h, channel, next.question.id)).toHaveLength(1);
    expect(ephemeralsTo(h, user, channel)).toEqual([texts.alreadyAnswered]);
  });
});

describe('Slack: a restart between storing an answer and posting the next question', () => {
  // The answer and its event's dedupe key commit in one transaction before the next question is posted. If the
  // process dies in between, Slack's retry is a duplicate: it must post what the crash left unposted, not drop it.
  it('the retry of the answering event posts the question the crash left unposted', async () => {
    const user = 'UCRASH';
    const { channel, review } = await startReview(user);
    const first = await h.services.reviews.step(review.id);
    if (first?.kind !== 'question') throw new Error('expected a question');
    const eventId = uniqueId('Ev');
    // what the first delivery got done before the process died: the answer, committed with the event's dedupe key
    await h.services.reviews.answer(review.id, user, { text: '1', dedupeKey: eventKey(eventId) });
    await h.restart();
    // Slack's second retry comes about a minute later: past the grace a delivery still posting would have
    sqliteOf(h.services)
      .prepare('UPDATE reviews SET last_activity_at = last_activity_at - ? WHERE id = ?')
      .run(RECOVERY_GRACE_MS + 30_000, review.id);
    await h.send.event(eventEnvelope(messageEvent({ user, channel, threadTs: review.threadRef!, text: '1' }), eventId), retry(2));
    await h.slack.whenIdle();

    expect(historyCounts(h, review.id)).toEqual({ [first.question.id]: 1 });
    const next = await h.services.reviews.step(review.id);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(questionPosts(h, channel, next.question.id)).toHaveLength(1);
  });
});

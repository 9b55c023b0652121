/**
 * Two app instances on one SQLite file (two processes behind a load balancer, or an old and a new one during a
 * deploy), sharing the fake Web API. A double click whose two halves land on different instances must store one
 * answer, and the person must hear nothing worse than "already answered".
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/conversation/texts.js';
import { clickAction, firstChoiceAction, latestReviewOf, postedMessage, runCommand } from '../slack/helpers/interview-driver.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { appMentionEvent, BOT_USER_ID, eventEnvelope, newChannelId, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import { holdWriteLock, startSecondInstance } from './helpers/second-instance.js';
import { ephemeralsTo, historyCounts, questionPosts, until } from './helpers/slack-steps.js';

let a: SlackHarness;
let b: SlackHarness;
beforeAll(async () => {
  a = await startSlackHarness();
  b = await startSecondInstance(a);
});
afterEach(() => {
  a.api.clearFailures();
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

async function bothIdle(): Promise<void> {
  await Promise.all([a.slack.whenIdle(), b.slack.whenIdle()]);
}

/** A review started on instance A, and the two clicks of a double click on its first question's first choice. */
async function reviewWithDoubleClick(user: string) {
  const channel = newChannelId();
  await runCommand(a, 'two-instances', { user, channel });
  const review = await latestReviewOf(a, TEAM_ID, user);
  const step = await a.services.reviews.step(review.id);
  if (step?.kind !== 'question') throw new Error('expected a question');
  const ts = (await a.services.store.messages.get(review.id, 'question', step.question.id))!.messageRef;
  const click = {
    user,
    channel,
    messageTs: ts,
    threadTs: review.threadRef,
    action: firstChoiceAction(postedMessage(a, ts), step.question.id),
  };
  return {
    channel,
    review,
    question: step.question,
    clicks: [
      { ...click, actionTs: '1700000002.000001' },
      { ...click, actionTs: '1700000002.000002' },
    ] as const,
  };
}

function listenerFailures(): string[] {
  return [...a.logs, ...b.logs].filter((l) => l.includes('Slack listener work failed') || l.includes('Slack listener failed'));
}

describe('two instances on one database', () => {
  it('a double click landing on both instances: one answer, one next question, the other click hears "already answered"', async () => {
    const user = 'UTWOCLICK';
    const { channel, review, question, clicks } = await reviewWithDoubleClick(user);
    await Promise.all([clickAction(a, clicks[0]), clickAction(b, clicks[1])]);
    await bothIdle();

    expect(historyCounts(a, review.id)).toEqual({ [question.id]: 1 });
    const next = await a.services.reviews.step(review.id);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(questionPosts(a, channel, next.question.id)).toHaveLength(1);
    // the losing click hears one note: the next question is posted, or (while the winner still posts it) on its way
    const told = ephemeralsTo(a, user, channel);
    expect(told).toHaveLength(1);
    expect([texts.alreadyAnswered, texts.nextOnItsWay]).toContain(told[0]);
    expect(listenerFailures()).toEqual([]);
  });

  // The answer's transaction is IMMEDIATE: it waits (busy_timeout) for another writer instead of failing at once.
  it('the same double click while another process is mid-write: the answer waits for the lock and is stored once', async () => {
    const user = 'UTWOBUSY';
    const { channel, review, question, clicks } = await reviewWithDoubleClick(user);
    const holder = await holdWriteLock(a.dbPath, 300);
    try {
      await Promise.all([clickAction(a, clicks[0]), clickAction(b, clicks[1])]);
      await bothIdle();
    } finally {
      await holder.released;
    }

    expect(historyCounts(a, review.id)).toEqual({ [question.id]: 1 });
    const next = await a.services.reviews.step(review.id);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(questionPosts(a, channel, next.question.id)).toHaveLength(1);
    expect(ephemeralsTo(a, user, channel).filter((t) => t !== texts.alreadyAnswered && t !== texts.nextOnItsWay)).toEqual([]);
    expect(listenerFailures()).toEqual([]);
  });

  // The mention's event id is stored with the review it started: the retry on the other instance is a duplicate,
  // left to the first delivery while it may still be posting.
  it('a mention retried onto the other instance while the first is still posting: one review, no stray note', async () => {
    const user = 'UTWOMENTION';
    const channel = newChannelId();
    const envelope = eventEnvelope(appMentionEvent({ user, channel, text: `<@${BOT_USER_ID}> ledger-sync` }));
    a.api.fail('chat.postMessage', { delayMs: 300, times: 1 }); // the first question's post is slow, then lands
    expect((await a.send.event(envelope)).status).toBe(200);
    await until(async () => (await a.services.store.reviews.listForUser('slack', TEAM_ID, user, 5)).length === 1);
    expect((await b.send.event(envelope, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(
      200,
    );
    await bothIdle();

    expect(await a.services.store.reviews.listForUser('slack', TEAM_ID, user, 5)).toHaveLength(1);
    expect(a.api.ok('chat.postMessage', (p) => p.channel === channel)).toHaveLength(1);
    expect(ephemeralsTo(a, user)).toEqual([]);
  });
});

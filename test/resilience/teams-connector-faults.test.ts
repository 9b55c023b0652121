/**
 * Teams with a misbehaving Bot Connector: the real botbuilder CloudAdapter (auth off) over loopback, a fake
 * connector that fails or stalls the bot's replies. botbuilder's HTTP pipeline (@azure/core-rest-pipeline) retries a
 * 5xx three times with exponential back-off (about 0.5-1 s, 1-2 s, 2-4 s) and sets no timeout of its own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TURN_FAILED_TEXT } from '../../src/teams/teams-bot.js';
import {
  ALEX,
  CHANNEL_ID,
  cardText,
  firstCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  startHarness,
  submitActions,
  submitActivity,
  type Harness,
} from '../teams/helpers/teams-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function startReview(harness: Harness) {
  const rootId = nextActivityId();
  const res = await harness.post(
    mentionActivity({ serviceUrl: harness.connector.serviceUrl, from: ALEX, id: rootId, text: 'compute-advice connector-faults' }),
  );
  expect(res.status).toBe(200);
  const thread = `${CHANNEL_ID};messageid=${rootId}`;
  const reviewId = (await harness.services.reviews.findOpenByThread('teams', CHANNEL_ID, thread))!.id;
  return { thread, reviewId };
}

/** A submit of the newest question card with its first choice (or 30 for a number). */
function answerLatest(harness: Harness, thread: string) {
  const q = latestQuestion(harness.connector)!;
  const card = firstCard(q.call);
  const action = submitActions(card).find((a) => a.data.ca === 'answer')!;
  const choices = JSON.stringify(card).match(/"choices":\[\{"title":"[^"]*","value":"([^"]*)"/);
  const value = choices ? choices[1] : '30';
  return {
    q,
    activity: submitActivity({
      serviceUrl: harness.connector.serviceUrl,
      from: ALEX,
      conversationId: thread,
      replyToId: q.activityId,
      value: { ...action.data, value },
    }),
  };
}

function postsOfQuestion(harness: Harness, questionId: string) {
  return harness.connector
    .posted()
    .filter((c) => JSON.stringify(c.body).includes(`"questionId":"${questionId}"`) && JSON.stringify(c.body).includes('"ca":"answer"'));
}

const FAILURE_TEXT = TURN_FAILED_TEXT;

describe('Teams: Bot Connector faults', () => {
  it('a 500 on the reply is retried by botbuilder: the next question lands once, nobody is told anything', async () => {
    h = await startHarness();
    const { thread, reviewId } = await startReview(h);
    const { q, activity } = answerLatest(h, thread);
    h.connector.fail({ kind: 'reply', status: 500, times: 1 });
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    expect(h.connector.failed.map((f) => [f.kind, f.status])).toEqual([['reply', 500]]);
    expect(await h.services.store.answers.history(reviewId)).toHaveLength(1);
    const next = latestQuestion(h.connector)!;
    expect(next.questionId).not.toBe(q.questionId);
    expect(postsOfQuestion(h, next.questionId)).toHaveLength(1);
    expect(h.connector.posted().map((c) => cardText(firstCard(c)))).not.toContain(FAILURE_TEXT);
  });

  it('a reply that fails past the retries: the answer is stored once, the turn returns, the user is told, and a mention carries on', async () => {
    h = await startHarness();
    const { thread, reviewId } = await startReview(h);
    const { q, activity } = answerLatest(h, thread);
    // the first attempt and all three retries of the next question fail; the failure notice then gets through
    h.connector.fail({ kind: 'reply', status: 500, times: 4 });
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    expect(h.connector.failed).toHaveLength(4);
    expect(await h.services.store.answers.history(reviewId)).toMatchObject([{ questionId: q.questionId }]);
    // the conversation told the user what failed and how to carry on, then updated the answered card
    expect(h.connector.updates().map((c) => c.activityId)).toEqual([q.activityId]);
    const told = h.connector.posted().at(-1)!;
    expect(cardText(firstCard(told))).toMatch(
      /^Sorry, I couldn't post the next question .*Teams said: http.*500.*mention me in this thread to see the current question\.$/,
    );
    expect(h.logLines.some((l) => l.includes('Teams post failed'))).toBe(true);
    const step = await h.services.reviews.step(reviewId);
    if (step?.kind !== 'question') throw new Error('expected the next question to be pending');
    expect(postsOfQuestion(h, step.question.id)).toHaveLength(0);

    // "try again": submitting the old card again changes nothing (stale) and says nothing
    const before = h.connector.calls.length;
    expect((await h.post({ ...activity, id: nextActivityId() })).status).toBe(200);
    expect(h.connector.calls.length).toBe(before);
    expect(await h.services.store.answers.history(reviewId)).toHaveLength(1);

    // a bare mention in the thread re-posts the pending question; answering it continues the interview
    await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: thread, text: '' }));
    expect(latestQuestion(h.connector)!.questionId).toBe(step.question.id);
    expect(postsOfQuestion(h, step.question.id)).toHaveLength(1);
    await h.post(answerLatest(h, thread).activity);
    expect((await h.services.store.answers.history(reviewId)).map((r) => r.questionId)).toEqual([q.questionId, step.question.id]);
    expect(latestQuestion(h.connector)!.questionId).not.toBe(step.question.id);
  }, 20_000);

  it('a connector slower than usual: Teams gets its 200 at once with the answer already stored; the reply follows, once, even if Teams redelivers meanwhile', async () => {
    h = await startHarness();
    const { thread, reviewId } = await startReview(h);
    const { q, activity } = answerLatest(h, thread);
    const delayMs = 1500;
    h.connector.fail({ kind: 'reply', delayMs, times: 1 });
    const post = async () => {
      const response = await fetch(`${h!.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    };
    const started = performance.now();
    const first = await post();
    const ackMs = performance.now() - started;
    expect(first.status).toBe(200);
    expect(ackMs).toBeLessThan(delayMs / 2);
    // acknowledged means stored: the answer is in SQLite before Teams hears back
    expect(await h.services.store.answers.history(reviewId)).toMatchObject([{ questionId: q.questionId }]);
    expect(latestQuestion(h.connector)!.questionId).toBe(q.questionId);
    // Teams may send the activity again meanwhile: it changes nothing
    expect((await post()).status).toBe(200);
    expect(await h.teams.idle(10_000)).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(delayMs - 50);
    expect(await h.services.store.answers.history(reviewId)).toHaveLength(1);
    const next = latestQuestion(h.connector)!;
    expect(next.questionId).not.toBe(q.questionId);
    expect(postsOfQuestion(h, next.questionId)).toHaveLength(1);
    expect(h.connector.posted().map((c) => cardText(firstCard(c)))).not.toContain(FAILURE_TEXT);
  });
});

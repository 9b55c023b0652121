/** Small drivers for the resilience tests: timed acks, answering a chosen copy of a question, counting rows. */
import { expect } from 'vitest';
import type { Question } from '../../../src/core/interview/question.js';
import type { RecordedCall } from '../../e2e/fake-slack-api.js';
import { clickAction, firstChoiceAction, postedMessage, typedAnswerFor } from '../../slack/helpers/interview-driver.js';
import type { SlackHarness } from '../../slack/helpers/slack-harness.js';
import { eventEnvelope, messageEvent } from '../../slack/helpers/slack-payloads.js';
import { sqliteOf } from '../../helpers/sqlite-handle.js';

/** Runs a request and measures how long its acknowledgement (the HTTP response) took. */
export async function timed(send: () => Promise<Response>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await send();
  return { status: res.status, ms: performance.now() - started };
}

/**
 * Answers the review's current question as a person would (first choice on a click, a typed reply for numbers and
 * text) and returns how long the ack took. `messageTs` picks which posted copy of the question is clicked.
 */
export async function answerTimed(
  h: SlackHarness,
  reviewId: string,
  user: string,
  options: { messageTs?: string } = {},
): Promise<{ question: Question; ackMs: number }> {
  const step = await h.services.reviews.step(reviewId);
  if (step?.kind !== 'question') throw new Error(`review ${reviewId} has no current question (${step?.kind})`);
  const review = (await h.services.reviews.get(reviewId))!;
  const question = step.question;
  const clickable = question.type !== 'number' && question.type !== 'text';
  let ack: { status: number; ms: number };
  if (clickable) {
    const ts = options.messageTs ?? (await h.services.store.messages.get(reviewId, 'question', question.id))?.messageRef;
    if (!ts) throw new Error(`question ${question.id} has no posted message to click`);
    const action = firstChoiceAction(postedMessage(h, ts), question.id);
    ack = await timed(() => clickAction(h, { user, channel: review.channelId, messageTs: ts, threadTs: review.threadRef, action }));
  } else {
    const event = messageEvent({ user, channel: review.channelId, threadTs: review.threadRef!, text: typedAnswerFor(question) });
    ack = await timed(() => h.send.event(eventEnvelope(event)));
  }
  expect(ack.status).toBe(200);
  await h.slack.whenIdle();
  return { question, ackMs: ack.ms };
}

/** answer_history rows per question of a review (an answer stored twice shows as 2). */
export function historyCounts(h: SlackHarness, reviewId: string): Record<string, number> {
  const rows = sqliteOf(h.services)
    .prepare('SELECT question_id AS q, COUNT(*) AS n FROM answer_history WHERE review_id = ? GROUP BY question_id')
    .all(reviewId) as Array<{ q: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.q, r.n]));
}

/** A chat.postMessage that carried the recommendation card (it has the "Record decision" control). */
export function isCardPost(call: RecordedCall): boolean {
  return call.method === 'chat.postMessage' && JSON.stringify(call.params.blocks ?? []).includes('"ca_record_decision"');
}

/** Successful posts of a question (its actions block is `q:<id>`) in a channel. */
export function questionPosts(h: SlackHarness, channel: string, questionId: string): RecordedCall[] {
  return h.api.ok('chat.postMessage', (p) => p.channel === channel && JSON.stringify(p.blocks ?? []).includes(`"q:${questionId}"`));
}

/** Texts of the chat.postEphemeral notes a user got (in one channel, if given). */
export function ephemeralsTo(h: SlackHarness, user: string, channel?: string): string[] {
  return h.api
    .ok('chat.postEphemeral', (p) => p.user === user && (channel === undefined || p.channel === channel))
    .map((c) => String(c.params.text ?? ''));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the condition holds (every 5 ms), or fails after timeoutMs. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

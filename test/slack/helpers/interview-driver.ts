import { expect } from 'vitest';
import type { Question } from '../../../src/core/interview/question.js';
import type { RecordedCall } from '../../e2e/fake-slack-api.js';
import type { SlackHarness } from './slack-harness.js';
import { typedAnswerFor } from './typed-answers.js';
import { blockActions, eventEnvelope, messageEvent, slashCommand } from './slack-payloads.js';

type Obj = Record<string, unknown>;

/** Sends /compute-advice and waits for the app to finish its work. */
export async function runCommand(h: SlackHarness, text: string, where: { user: string; channel: string }): Promise<Response> {
  const res = await h.send.command(
    slashCommand({ text, user: where.user, channel: where.channel, responseUrl: h.api.responseUrl(`${where.channel}-${where.user}`) }),
  );
  await h.slack.whenIdle();
  return res;
}

/** The newest review a user started. */
export async function latestReviewOf(h: SlackHarness, workspaceId: string, user: string) {
  const reviews = await h.services.store.reviews.listForUser('slack', workspaceId, user, 1);
  expect(reviews.length).toBe(1);
  return reviews[0]!;
}

/** The chat.postMessage call that posted a message with this ts. */
export function postedMessage(h: SlackHarness, ts: string): RecordedCall {
  const call = h.api.calls.find((c) => c.method === 'chat.postMessage' && c.response?.ts === ts);
  if (!call) throw new Error(`no chat.postMessage answered with ts ${ts}`);
  return call;
}

/** The actions block under a question message. */
export function questionActions(call: RecordedCall, questionId: string): Obj[] {
  const blocks = call.params.blocks as Obj[];
  const block = blocks.find((b) => b.type === 'actions' && b.block_id === `q:${questionId}`);
  return (block?.elements as Obj[] | undefined) ?? [];
}

/** The element a person would pick first: the first answer button, the first select option, or "None of these". */
export function firstChoiceAction(call: RecordedCall, questionId: string): Obj {
  const elements = questionActions(call, questionId);
  const blockId = `q:${questionId}`;
  const none = elements.find((e) => e.action_id === 'ca_answer_none');
  if (none) return { type: 'button', action_id: none.action_id, block_id: blockId, value: none.value, text: none.text };
  const button = elements.find((e) => typeof e.action_id === 'string' && /^ca_answer_\d+$/.test(e.action_id));
  if (button) return { type: 'button', action_id: button.action_id, block_id: blockId, value: button.value, text: button.text };
  const select = elements.find((e) => e.action_id === 'ca_answer_select');
  if (select) {
    const option = (select.options as Obj[])[0]!;
    return { type: 'static_select', action_id: 'ca_answer_select', block_id: blockId, selected_option: option };
  }
  throw new Error(`question ${questionId} has no answer element`);
}

export { typedAnswerFor } from './typed-answers.js';

export async function clickAction(
  h: SlackHarness,
  input: { user: string; channel: string; messageTs: string; threadTs?: string | null; action: Obj; actionTs?: string },
): Promise<Response> {
  const res = await h.send.interaction(
    blockActions({
      user: input.user,
      channel: input.channel,
      messageTs: input.messageTs,
      threadTs: input.threadTs ?? undefined,
      responseUrl: h.api.messageResponseUrl(input.channel, input.messageTs),
      action: input.action,
      ...(input.actionTs ? { actionTs: input.actionTs } : {}),
    }),
  );
  expect(res.status).toBe(200);
  return res;
}

export async function replyInThread(
  h: SlackHarness,
  input: { user: string; channel: string; threadTs: string; text: string; eventId?: string },
  headers?: Record<string, string>,
): Promise<Response> {
  const res = await h.send.event(
    eventEnvelope(messageEvent({ user: input.user, channel: input.channel, threadTs: input.threadTs, text: input.text }), input.eventId),
    headers ? { headers } : {},
  );
  expect(res.status).toBe(200);
  await h.slack.whenIdle();
  return res;
}

/**
 * Answers the current question the way a person would: clicks the first choice (buttons and selects) or replies in
 * the thread (numbers and text). Returns the question answered. With `waitUntilIdle: false` it returns once the
 * request is acked, while the app's work for it may still run.
 */
export async function answerCurrentQuestion(
  h: SlackHarness,
  reviewId: string,
  user: string,
  mode: 'click' | 'type' = 'click',
  options: { waitUntilIdle?: boolean } = {},
): Promise<Question> {
  const waitUntilIdle = options.waitUntilIdle ?? true;
  const step = await h.services.reviews.step(reviewId);
  if (step?.kind !== 'question') throw new Error(`review ${reviewId} has no current question (${step?.kind})`);
  const review = (await h.services.reviews.get(reviewId))!;
  const question = step.question;
  const stored = await h.services.store.messages.get(reviewId, 'question', question.id);
  expect(stored, `question ${question.id} was posted and stored`).toBeDefined();
  const call = postedMessage(h, stored!.messageRef);
  expect(call.params.thread_ts).toBe(review.threadRef);
  const clickable = question.type !== 'number' && question.type !== 'text';
  if (clickable && mode === 'click') {
    await clickAction(h, {
      user,
      channel: review.channelId,
      messageTs: stored!.messageRef,
      threadTs: review.threadRef,
      action: firstChoiceAction(call, question.id),
    });
  } else {
    const reply = messageEvent({ user, channel: review.channelId, threadTs: review.threadRef!, text: typedAnswerFor(question) });
    expect((await h.send.event(eventEnvelope(reply))).status).toBe(200);
  }
  if (waitUntilIdle) await h.slack.whenIdle();
  return question;
}

/** Answers until the card is posted. */
export async function completeInterview(
  h: SlackHarness,
  reviewId: string,
  user: string,
  mode: (i: number) => 'click' | 'type' = () => 'click',
): Promise<Question[]> {
  const answered: Question[] = [];
  for (let i = 0; i < 40; i++) {
    const step = await h.services.reviews.step(reviewId);
    if (step?.kind === 'completed') return answered;
    answered.push(await answerCurrentQuestion(h, reviewId, user, mode(i)));
  }
  throw new Error('interview did not finish in 40 answers');
}

import { answerLabel } from '../app/answer-label.js';
import { toQuestionView } from '../app/question-view.js';
import type { ReviewStep } from '../app/review-types.js';
import type { Question } from '../core/interview/question.js';
import type { Recommendation } from '../core/recommendation.js';
import { contextBlock, fallbackText, sectionBlock, type KnownBlock } from '../render/block-kit-parts.js';
import { escapeMrkdwn } from '../render/escape.js';
import { renderRecommendationBlocks } from '../render/block-kit.js';
import { noticeBlocks } from '../render/notices.js';
import { renderAnsweredQuestionBlocks, renderQuestionBlocks } from '../render/question-blocks.js';
import { toRecommendationView } from '../render/recommendation-view.js';
import type { Review } from '../storage/index.js';
import { mention } from './slack-text.js';
import type { Audience, RespondFn, SlackClient, SlackDeps } from './slack-deps.js';
import { postFailureText, postMessage, replaceClickedMessage, tellUser, updateMessage } from './slack-post.js';

/** Posting a review's messages into its thread, and remembering them so they can be updated later. */

function threadOf(review: Review): string | null {
  return review.threadRef;
}

/** The current question as a new thread message; its ts is stored so the answer can update it. */
export async function postQuestion(
  deps: SlackDeps,
  client: SlackClient,
  review: Review,
  step: Extract<ReviewStep, { kind: 'question' }>,
): Promise<{ ok: true; ts: string } | { ok: false; code: string }> {
  const message = renderQuestionBlocks(toQuestionView(review.id, step));
  const posted = await postMessage(deps, client, { channel: review.channelId, threadTs: threadOf(review), ...message }, { reviewId: review.id });
  if (!posted.ok) return posted;
  deps.services.store.messages.save(review.id, 'question', step.question.id, posted.value, deps.services.clock.now());
  return { ok: true, ts: posted.value };
}

/** The recommendation card with its actions (change an answer, record the decision, share). */
export function cardMessage(deps: SlackDeps, review: Review, recommendation: Recommendation): { text: string; blocks: KnownBlock[] } {
  const view = toRecommendationView(recommendation, { reviewId: review.id, workloadName: review.workloadName });
  const changeOptions = deps.services.reviews.answeredQuestions(review.id).map((q) => ({ questionId: q.id, label: q.text }));
  return renderRecommendationBlocks(view, { actions: true, changeOptions });
}

export async function postCard(
  deps: SlackDeps,
  client: SlackClient,
  review: Review,
  recommendation: Recommendation,
  options: { broadcast?: boolean } = {},
): Promise<{ ok: true; ts: string } | { ok: false; code: string }> {
  const message = cardMessage(deps, review, recommendation);
  const posted = await postMessage(
    deps,
    client,
    { channel: review.channelId, threadTs: threadOf(review), broadcast: options.broadcast ?? false, ...message },
    { reviewId: review.id },
  );
  if (!posted.ok) return posted;
  if (!options.broadcast) deps.services.store.messages.save(review.id, 'card', '', posted.value, deps.services.clock.now());
  return { ok: true, ts: posted.value };
}

/** Posts whatever comes next (a question, the card, or a closing note); tells the person if it could not be posted. */
export async function postStep(deps: SlackDeps, client: SlackClient, review: Review, step: ReviewStep, audience: Audience): Promise<boolean> {
  let result: { ok: true } | { ok: false; code: string };
  if (step.kind === 'question') result = await postQuestion(deps, client, review, step);
  else if (step.kind === 'completed') result = await postCard(deps, client, review, step.recommendation);
  else {
    const note = noticeBlocks(step.status === 'cancelled' ? 'This review was cancelled.' : 'This review expired.');
    result = await postMessage(deps, client, { channel: review.channelId, threadTs: threadOf(review), ...note }, { reviewId: review.id });
  }
  if (result.ok) return true;
  const what = step.kind === 'completed' ? 'post the recommendation' : 'post the next question';
  await tellUser(deps, client, audience, `${postFailureText(result.code, what)} Use /compute-advice resume ${review.id} to try again.`);
  return false;
}

/**
 * After a redelivered event: if the review in this thread has a current question or card that was never posted
 * (the process stopped between storing and posting), post it now. Otherwise nothing.
 */
export async function postMissingStep(deps: SlackDeps, client: SlackClient, channel: string, threadTs: string, userId: string): Promise<void> {
  const { store, reviews } = deps.services;
  const review = store.reviews.findByThread('slack', channel, threadTs);
  if (!review) return;
  const step = reviews.step(review.id);
  if (!step) return;
  const posted =
    step.kind === 'question' ? store.messages.get(review.id, 'question', step.question.id) : step.kind === 'completed' ? store.messages.get(review.id, 'card', '') : true;
  if (posted) return;
  deps.logger.info({ reviewId: review.id, channel }, 'posting a step a crash left unposted');
  await postStep(deps, client, review, step, { userId, channel, threadTs, prefer: 'ephemeral' });
}

/** A question message once answered: the answer instead of the buttons, so old buttons cannot be pressed again. */
export function answeredMessage(review: Review, question: Question, label: string, userId: string): { text: string; blocks: KnownBlock[] } {
  const view = toQuestionView(review.id, { kind: 'question', question, progress: { answered: 0, remaining: 1 }, canGoBack: false });
  const rendered = renderAnsweredQuestionBlocks(view, label);
  return { text: rendered.text, blocks: [...rendered.blocks, contextBlock(`Answered by ${mention(userId)}`)] };
}

/**
 * Updates the stored question message (and the clicked one, if it is a different copy, e.g. after `resume`).
 * The clicked message is replaced through the click's response_url when there is one, any other through chat.update
 * on the update client (see SlackDeps.updateClient). A failed update is only logged: the answer is stored, and a
 * second press of an old button is refused as stale.
 */
export async function markQuestionAnswered(
  deps: SlackDeps,
  client: SlackClient,
  review: Review,
  question: Question,
  userId: string,
  options: { clickedTs?: string | undefined; respondToClick?: RespondFn | undefined; label?: string; notice?: string } = {},
): Promise<void> {
  const stored = deps.services.store.messages.get(review.id, 'question', question.id)?.messageRef;
  const targets = new Set([stored, options.clickedTs].filter((ts): ts is string => typeof ts === 'string'));
  const label = options.label ?? answerLabel(question, deps.services.store.answers.current(review.id)[question.id]);
  const message = options.notice
    ? {
        text: fallbackText(`${escapeMrkdwn(question.text)}: ${escapeMrkdwn(options.notice)}`),
        blocks: [sectionBlock(`*${escapeMrkdwn(question.text)}*\n${escapeMrkdwn(options.notice)}`)],
      }
    : answeredMessage(review, question, label, userId);
  const context = { reviewId: review.id };
  for (const ts of targets) {
    const replaced = ts === options.clickedTs && options.respondToClick !== undefined && (await replaceClickedMessage(deps, options.respondToClick, { channel: review.channelId, ...message }, context));
    if (!replaced) await updateMessage(deps, deps.updateClient ?? client, { channel: review.channelId, ts, ...message }, context);
  }
}

import type { AnswerResult, ReviewActionResult } from '../app/review-types.js';
import { noticeBlocks, notParticipantText, reaskText } from '../render/notices.js';
import { markQuestionAnswered, postStep } from './review-thread.js';
import type { Audience, SlackClient, SlackDeps } from './slack-deps.js';
import { postFailureText, postMessage, tellUser } from './slack-post.js';

/** The short notes for answers that change nothing. */
export const ALREADY_ANSWERED_TEXT = 'That question was already answered; see the latest question in the thread.';
export const CLOSED_TEXT = 'This review is closed. Start a new one with /compute-advice <workload name>.';
export const NOT_FOUND_TEXT = "I can't find that review any more.";

/** Refusals shared by answers and the other review actions. Returns true when it handled the result. */
async function handleRefusal(
  deps: SlackDeps,
  client: SlackClient,
  result: AnswerResult | ReviewActionResult,
  audience: Audience,
  options: { quietWhenStale: boolean },
): Promise<boolean> {
  switch (result.kind) {
    case 'not_found':
      await tellUser(deps, client, audience, NOT_FOUND_TEXT);
      return true;
    case 'not_participant':
      await tellUser(deps, client, audience, notParticipantText());
      return true;
    case 'closed':
      await tellUser(deps, client, audience, CLOSED_TEXT);
      return true;
    case 'duplicate':
      // a redelivered event or a replayed click: the first one already did the work
      return true;
    case 'stale':
      if (!options.quietWhenStale) await tellUser(deps, client, audience, ALREADY_ANSWERED_TEXT);
      return true;
    default:
      return false;
  }
}

/**
 * Posts the next step, then updates the answered message, even when the post failed. Not at the same time: both
 * requests would be built in the same event-loop turn and the post would go out only after the update had been
 * serialised, and the next step is what the person waits for. Rethrows the first failure.
 */
async function postStepThenUpdate(post: () => Promise<unknown>, update: () => Promise<unknown>): Promise<void> {
  const postFailure = await post().then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  try {
    await update();
  } catch (error) {
    if (!postFailure) throw error;
  }
  if (postFailure) throw postFailure.error;
}

/**
 * After an answer: post what comes next and update the question message to show the answer.
 * A rejected answer gets the re-ask note in the thread.
 */
export async function handleAnswerResult(
  deps: SlackDeps,
  client: SlackClient,
  result: AnswerResult,
  audience: Audience,
  options: { clickedTs?: string | undefined } = {},
): Promise<void> {
  if (await handleRefusal(deps, client, result, audience, { quietWhenStale: false })) return;
  if (result.kind === 'rejected') {
    const review = result.review;
    const note = noticeBlocks(reaskText(result.message));
    const posted = await postMessage(deps, client, { channel: review.channelId, threadTs: review.threadRef, ...note }, { reviewId: review.id });
    if (!posted.ok) await tellUser(deps, client, audience, `${reaskText(result.message)} ${postFailureText(posted.code, 'post in the thread')}`);
    return;
  }
  if (result.kind !== 'accepted') return;
  const { review, question, label, step } = result;
  await postStepThenUpdate(
    () => postStep(deps, client, review, step, audience),
    () => markQuestionAnswered(deps, client, review, question, audience.userId, { clickedTs: options.clickedTs, respondToClick: audience.respond, label }),
  );
}

/** After skip, back or change: the same, for ReviewActionResult; `update` updates the clicked message, if any. */
export async function handleActionResult(
  deps: SlackDeps,
  client: SlackClient,
  result: ReviewActionResult,
  audience: Audience,
  update: () => Promise<void> = async () => {},
): Promise<void> {
  if (await handleRefusal(deps, client, result, audience, { quietWhenStale: false })) return;
  if (result.kind === 'rejected') {
    await tellUser(deps, client, audience, result.message);
    return;
  }
  if (result.kind !== 'ok') return;
  const { review, step } = result;
  await postStepThenUpdate(() => postStep(deps, client, review, step, audience), update);
}

import { sectionBlock } from '../../render/block-kit-parts.js';
import { findTargetReview } from '../review-lookup.js';
import { markQuestionAnswered } from '../review-thread.js';
import { postMessage, tellUser } from '../slack-post.js';
import { mention } from '../slack-text.js';
import type { CommandContext } from './command-context.js';

/** `/compute-advice cancel [id]`: cancels the review; its open question loses its buttons and the thread is told. */
export async function cancelCommand(ctx: CommandContext, reviewId: string | undefined): Promise<void> {
  const { deps, client } = ctx;
  const review = findTargetReview(deps, ctx.workspaceId, ctx.userId, reviewId);
  if (!review) {
    await tellUser(deps, client, ctx.audience, reviewId ? `I can't find review ${reviewId}.` : 'You have no open review to cancel.');
    return;
  }
  const before = deps.services.reviews.step(review.id);
  const result = deps.services.reviews.cancel(review.id, ctx.userId);
  if (result.kind === 'not_participant') {
    await tellUser(deps, client, ctx.audience, 'Only the people taking part in a review can cancel it.');
    return;
  }
  if (result.kind !== 'ok') {
    await tellUser(deps, client, ctx.audience, `Review ${review.id} is not open, so there is nothing to cancel.`);
    return;
  }
  if (before?.kind === 'question') {
    await markQuestionAnswered(deps, client, review, before.question, ctx.userId, { notice: 'Cancelled: this review is closed.' });
  }
  const line = `${mention(ctx.userId)} cancelled this review.`;
  await postMessage(deps, client, { channel: review.channelId, threadTs: review.threadRef, text: line, blocks: [sectionBlock(line)] }, { reviewId: review.id });
  await tellUser(deps, client, ctx.audience, `Cancelled review ${review.id} (${review.workloadName}).`);
}

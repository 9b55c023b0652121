import { findTargetReview } from '../review-lookup.js';
import { postStep } from '../review-thread.js';
import { tellUser } from '../slack-post.js';
import type { CommandContext } from './command-context.js';

/** `/compute-advice resume [id]`: posts the current question (or the card) again in the review's thread. */
export async function resumeCommand(ctx: CommandContext, reviewId: string | undefined): Promise<void> {
  const { deps, client } = ctx;
  const review = findTargetReview(deps, ctx.workspaceId, ctx.userId, reviewId, { includeCompleted: reviewId !== undefined });
  if (!review) {
    await tellUser(deps, client, ctx.audience, reviewId ? `I can't find review ${reviewId}.` : 'You have no open review to resume.');
    return;
  }
  if (!deps.services.reviews.isParticipant(review.id, ctx.userId)) {
    await tellUser(deps, client, ctx.audience, 'Only the people taking part in a review can resume it.');
    return;
  }
  const step = deps.services.reviews.step(review.id);
  if (!step || step.kind === 'closed') {
    await tellUser(deps, client, ctx.audience, `Review ${review.id} is closed. Start a new one with /compute-advice <workload name>.`);
    return;
  }
  const posted = await postStep(deps, client, review, step, { ...ctx.audience, threadTs: review.threadRef ?? undefined });
  if (posted) await tellUser(deps, client, ctx.audience, `Picked up review ${review.id} (${review.workloadName}) in its thread.`);
}

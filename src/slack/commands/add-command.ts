import { findTargetReview } from '../review-lookup.js';
import type { Review } from '../../storage/index.js';
import type { Audience, SlackClient, SlackDeps } from '../slack-deps.js';
import { postMessage, tellUser } from '../slack-post.js';
import { mention } from '../slack-text.js';
import { sectionBlock } from '../../render/block-kit-parts.js';
import type { CommandContext } from './command-context.js';

/** Adds people to a review (requester only) and says so in the thread. Shared by the command and the thread reply. */
export async function addParticipants(
  deps: SlackDeps,
  client: SlackClient,
  review: Review,
  actorId: string,
  userIds: string[],
  audience: Audience,
): Promise<void> {
  const added: string[] = [];
  for (const userId of userIds) {
    const result = deps.services.reviews.addParticipant(review.id, actorId, userId);
    if (result.kind === 'not_participant') {
      await tellUser(deps, client, audience, 'Only the person who started this review can add people to it.');
      return;
    }
    if (result.kind === 'ok') added.push(userId);
  }
  if (added.length === 0) {
    await tellUser(deps, client, audience, 'They can already answer this review.');
    return;
  }
  const line = `${added.map(mention).join(', ')} can now answer this review too.`;
  const posted = await postMessage(deps, client, { channel: review.channelId, threadTs: review.threadRef, text: line, blocks: [sectionBlock(line)] }, { reviewId: review.id });
  if (!posted.ok) await tellUser(deps, client, audience, `Added. ${line}`);
}

/** `/compute-advice add @someone [id]`. */
export async function addCommand(ctx: CommandContext, userIds: string[], reviewId: string | undefined, unresolved: boolean): Promise<void> {
  const { deps, client } = ctx;
  if (unresolved || userIds.length === 0) {
    await tellUser(deps, client, ctx.audience, 'Pick the people from the @ autocomplete: /compute-advice add @someone [review id].');
    return;
  }
  const review = findTargetReview(deps, ctx.workspaceId, ctx.userId, reviewId);
  if (!review) {
    await tellUser(deps, client, ctx.audience, reviewId ? `I can't find review ${reviewId}.` : 'You have no open review to add people to.');
    return;
  }
  await addParticipants(deps, client, review, ctx.userId, userIds, ctx.audience);
}

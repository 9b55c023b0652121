import { fallbackText, sectionBlock, type KnownBlock } from '../../render/block-kit-parts.js';
import { reviewSummaryLine } from '../review-summary.js';
import { tellUser } from '../slack-post.js';
import type { CommandContext } from './command-context.js';

const LIST_MAX = 15;

/** `/compute-advice list`: the user's reviews, most recently active first (ephemeral). */
export async function listCommand(ctx: CommandContext): Promise<void> {
  const reviews = ctx.deps.services.store.reviews.listForUser('slack', ctx.workspaceId, ctx.userId, LIST_MAX);
  if (reviews.length === 0) {
    await tellUser(ctx.deps, ctx.client, ctx.audience, 'You have no compute reviews yet. Start one with /compute-advice <workload name>.');
    return;
  }
  const blocks: KnownBlock[] = [sectionBlock(`*Your compute reviews* (latest ${reviews.length})`)];
  for (const review of reviews) blocks.push(sectionBlock(reviewSummaryLine(ctx.deps, review)));
  await tellUser(ctx.deps, ctx.client, ctx.audience, '', { text: fallbackText(`Your compute reviews (${reviews.length})`), blocks });
}

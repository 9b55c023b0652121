import { checkBlockKitLimits } from '../../render/block-kit-limits.js';
import { contextBlock, headerBlock, sectionBlock, type KnownBlock } from '../../render/block-kit-parts.js';
import type { ReviewSummary } from '../../app/review-types.js';
import { reviewSummaryLine } from '../slack-renderer.js';
import type { SlackDeps } from '../slack-deps.js';

/** Reviews shown on the Home tab; with two headings and a footer this stays far under the 100-block limit. */
export const HOME_OPEN_MAX = 20;
export const HOME_RECENT_MAX = 20;

/** The Home tab: the user's open reviews, then recent finished ones, each with status, recommendation and a thread link. */
export async function homeView(deps: SlackDeps, workspaceId: string, userId: string): Promise<{ type: 'home'; blocks: KnownBlock[] }> {
  const items = await deps.services.reviews.listForUser('slack', workspaceId, userId, 100);
  const open = items.filter((i) => i.review.status === 'in_progress').slice(0, HOME_OPEN_MAX);
  const recent = items.filter((i) => i.review.status !== 'in_progress').slice(0, HOME_RECENT_MAX);
  const blocks: KnownBlock[] = [headerBlock('Your compute reviews')];
  const section = (title: string, list: ReviewSummary[], empty: string) => {
    blocks.push(sectionBlock(`*${title}*`));
    if (list.length === 0) blocks.push(contextBlock(empty));
    for (const item of list) blocks.push(sectionBlock(reviewSummaryLine(item)));
  };
  section('Open', open, 'No open reviews.');
  blocks.push({ type: 'divider' });
  section('Recent', recent, 'Nothing finished yet.');
  blocks.push(contextBlock('Start a review with `/compute-advice <workload name>`, or mention me with a workload name in a channel.'));
  const problems = checkBlockKitLimits({ blocks }, 'home');
  if (problems.length > 0) deps.logger.warn({ problems }, 'home view exceeds Block Kit limits');
  return { type: 'home', blocks };
}

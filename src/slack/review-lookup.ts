import type { Review } from '../storage/index.js';
import type { SlackDeps } from './slack-deps.js';

/**
 * The review a command is about: the given id (only in this workspace), or the user's most recently active open
 * review (requester first, then ones they were added to).
 */
export function findTargetReview(
  deps: SlackDeps,
  workspaceId: string,
  userId: string,
  reviewId: string | undefined,
  options: { includeCompleted?: boolean } = {},
): Review | undefined {
  const { services } = deps;
  if (reviewId) {
    const review = services.reviews.get(reviewId);
    return review && review.platform === 'slack' && review.workspaceId === workspaceId ? review : undefined;
  }
  const mine = services.store.reviews.listForUser('slack', workspaceId, userId, 50);
  const usable = (r: Review) => r.status === 'in_progress' || (options.includeCompleted === true && r.status === 'completed');
  return mine.find((r) => usable(r) && r.requesterId === userId) ?? mine.find(usable);
}

import type { ReviewStatus } from '../storage/review-repository.js';

/** How a review's status reads to people, on every surface. */
export const STATUS_LABELS: Record<ReviewStatus, string> = {
  in_progress: 'in progress',
  completed: 'completed',
  cancelled: 'cancelled',
  expired: 'expired',
};

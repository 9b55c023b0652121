import { changed } from './results.js';
import { ReviewRepository, type Platform, type Review } from './review-repository.js';
import type { SqlDatabase } from './sql-database.js';

export interface NudgeClaim {
  reviewId: string;
  /** The review's lastActivityAt when it was nudged. */
  idleSince: number;
}

export interface StoredNudge extends NudgeClaim {
  claimedBy: string;
  nudgedAt: number;
  postedAt: number | null;
  failedAt: number | null;
  lastError: string | null;
}

const ERROR_MAX = 500;

/**
 * Stalled-interview reminders. A nudge is claimed in the database (INSERT ... ON CONFLICT DO NOTHING) before it is
 * posted, once per idle spell, whatever the number of instances. Expiry goes through ReviewService.expireIfIdle (the
 * interview engine decides what expiring means).
 */
export class ReminderRepository {
  private readonly reviews: ReviewRepository;

  constructor(private readonly db: SqlDatabase) {
    this.reviews = new ReviewRepository(db);
  }

  /** in_progress reviews last active at or before idleBefore (but after expireBefore), not nudged for this silence. */
  async listToNudge(idleBefore: number, expireBefore: number, platforms: readonly Platform[], limit: number): Promise<Review[]> {
    if (platforms.length === 0) return [];
    // status + last_activity_at: the reviews_by_status_activity index from 0001
    const rows = await this.db.q
      .selectFrom('reviews as r')
      .select('r.id')
      .where('r.status', '=', 'in_progress')
      .where('r.last_activity_at', '<=', idleBefore)
      .where('r.last_activity_at', '>', expireBefore)
      .where('r.platform', 'in', [...platforms])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('review_nudges as n')
              .select('n.review_id')
              .whereRef('n.review_id', '=', 'r.id')
              .whereRef('n.idle_since', '=', 'r.last_activity_at'),
          ),
        ),
      )
      .orderBy('r.last_activity_at')
      .orderBy(this.db.reviewOrder('r'))
      .limit(limit)
      .execute();
    const reviews: Review[] = [];
    for (const { id } of rows) {
      const review = await this.reviews.get(id);
      if (review) reviews.push(review);
    }
    return reviews;
  }

  /** True for exactly one caller per review and idle spell. */
  async claimNudge(review: Pick<Review, 'id' | 'lastActivityAt'>, by: string, at: number): Promise<boolean> {
    const result = await this.db.q
      .insertInto('review_nudges')
      .values({ review_id: review.id, idle_since: review.lastActivityAt, claimed_by: by, nudged_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return changed(result);
  }

  async markNudgePosted(claim: NudgeClaim, at: number): Promise<void> {
    await this.db.q
      .updateTable('review_nudges')
      .set({ posted_at: at, failed_at: null, last_error: null })
      .where('review_id', '=', claim.reviewId)
      .where('idle_since', '=', claim.idleSince)
      .execute();
  }

  async markNudgeFailed(claim: NudgeClaim, at: number, error: string): Promise<void> {
    await this.db.q
      .updateTable('review_nudges')
      .set({ failed_at: at, last_error: error.slice(0, ERROR_MAX) })
      .where('review_id', '=', claim.reviewId)
      .where('idle_since', '=', claim.idleSince)
      .execute();
  }

  async nudgesFor(reviewId: string): Promise<StoredNudge[]> {
    const rows = await this.db.q.selectFrom('review_nudges').selectAll().where('review_id', '=', reviewId).orderBy('idle_since').execute();
    return rows.map((row) => ({
      reviewId: row.review_id,
      idleSince: row.idle_since,
      claimedBy: row.claimed_by,
      nudgedAt: row.nudged_at,
      postedAt: row.posted_at,
      failedAt: row.failed_at,
      lastError: row.last_error,
    }));
  }

  /** Ids of in_progress reviews last active at or before expireBefore, longest idle first. */
  async listToExpire(expireBefore: number, platforms: readonly Platform[], limit: number): Promise<string[]> {
    if (platforms.length === 0) return [];
    const rows = await this.db.q
      .selectFrom('reviews')
      .select('id')
      .where('status', '=', 'in_progress')
      .where('last_activity_at', '<=', expireBefore)
      .where('platform', 'in', [...platforms])
      .orderBy('last_activity_at')
      .orderBy(this.db.reviewOrder())
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }
}

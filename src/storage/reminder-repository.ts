import type Database from 'better-sqlite3';
import { ReviewRepository, type Platform, type Review } from './review-repository.js';

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

interface NudgeRow {
  review_id: string;
  idle_since: number;
  claimed_by: string;
  nudged_at: number;
  posted_at: number | null;
  failed_at: number | null;
  last_error: string | null;
}

const ERROR_MAX = 500;

/**
 * Stalled-interview reminders. A nudge is claimed in SQLite (INSERT OR IGNORE) before it is posted, once per idle
 * spell. Expiry goes through ReviewService.expireIfIdle (the interview engine decides what expiring means).
 */
export class ReminderRepository {
  private readonly reviews: ReviewRepository;
  private readonly selectToNudge;
  private readonly selectToExpire;
  private readonly insertNudge;
  private readonly updatePosted;
  private readonly updateFailed;
  private readonly selectNudges;

  constructor(db: Database.Database) {
    this.reviews = new ReviewRepository(db);
    // status + last_activity_at: the reviews_by_status_activity index from 0001
    this.selectToNudge = db.prepare(
      `SELECT r.id FROM reviews r
       WHERE r.status = 'in_progress' AND r.last_activity_at <= @idleBefore AND r.last_activity_at > @expireBefore
         AND r.platform IN (SELECT value FROM json_each(@platforms))
         AND NOT EXISTS (SELECT 1 FROM review_nudges n WHERE n.review_id = r.id AND n.idle_since = r.last_activity_at)
       ORDER BY r.last_activity_at, r.rowid LIMIT @limit`,
    );
    this.selectToExpire = db.prepare(
      `SELECT r.id FROM reviews r
       WHERE r.status = 'in_progress' AND r.last_activity_at <= @expireBefore
         AND r.platform IN (SELECT value FROM json_each(@platforms))
       ORDER BY r.last_activity_at, r.rowid LIMIT @limit`,
    );
    this.insertNudge = db.prepare('INSERT OR IGNORE INTO review_nudges (review_id, idle_since, claimed_by, nudged_at) VALUES (?, ?, ?, ?)');
    this.updatePosted = db.prepare(
      'UPDATE review_nudges SET posted_at = ?, failed_at = NULL, last_error = NULL WHERE review_id = ? AND idle_since = ?',
    );
    this.updateFailed = db.prepare('UPDATE review_nudges SET failed_at = ?, last_error = ? WHERE review_id = ? AND idle_since = ?');
    this.selectNudges = db.prepare('SELECT * FROM review_nudges WHERE review_id = ? ORDER BY idle_since');
  }

  /** in_progress reviews last active at or before idleBefore (but after expireBefore), not nudged for this silence. */
  listToNudge(idleBefore: number, expireBefore: number, platforms: readonly Platform[], limit: number): Review[] {
    const ids = this.selectToNudge.pluck().all({ idleBefore, expireBefore, platforms: JSON.stringify(platforms), limit }) as string[];
    return ids.map((id) => this.reviews.get(id)).filter((r): r is Review => r !== undefined);
  }

  /** True for exactly one caller per review and idle spell. */
  claimNudge(review: Pick<Review, 'id' | 'lastActivityAt'>, by: string, at: number): boolean {
    return this.insertNudge.run(review.id, review.lastActivityAt, by, at).changes > 0;
  }

  markNudgePosted(claim: NudgeClaim, at: number): void {
    this.updatePosted.run(at, claim.reviewId, claim.idleSince);
  }

  markNudgeFailed(claim: NudgeClaim, at: number, error: string): void {
    this.updateFailed.run(at, error.slice(0, ERROR_MAX), claim.reviewId, claim.idleSince);
  }

  nudgesFor(reviewId: string): StoredNudge[] {
    return (this.selectNudges.all(reviewId) as NudgeRow[]).map((row) => ({
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
  listToExpire(expireBefore: number, platforms: readonly Platform[], limit: number): string[] {
    return this.selectToExpire.pluck().all({ expireBefore, platforms: JSON.stringify(platforms), limit }) as string[];
  }
}

import type { Platform } from './review-repository.js';
import type { SqlDatabase } from './sql-database.js';

/** Named approvers of one review who were asked before the cutoff, never acted, and were not reminded yet. */
export interface DueSignOffReminder {
  reviewId: string;
  approverIds: string[];
  /** The display names they were mentioned by, where the platform gave one (Teams). */
  approverNames: Record<string, string>;
  /** When the earliest of them was asked. */
  requestedAt: number;
}

/**
 * Sign-off reminders: an approver who has not acted some time after being asked is reminded once. The reminder is
 * claimed with a conditional UPDATE (reminded_at IS NULL) before it is posted, so of several instances one wins each
 * approver, and a restart never reminds again.
 */
export class SignOffReminderRepository {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Completed reviews on `platforms` with approvers asked at or before `requestedBefore` who have never acted on any
   * recommendation of it and were not reminded. Oldest requests first; at most `limit` reviews.
   */
  async listDue(requestedBefore: number, platforms: readonly Platform[], limit: number): Promise<DueSignOffReminder[]> {
    if (platforms.length === 0) return [];
    const rows = await this.db.q
      .selectFrom('signoff_requests as s')
      .innerJoin('reviews as r', 'r.id', 's.review_id')
      .select(['s.review_id', 's.approver_id', 's.approver_name', 's.requested_at'])
      .where('s.reminded_at', 'is', null)
      .where('s.requested_at', '<=', requestedBefore)
      .where('r.status', '=', 'completed')
      .where('r.platform', 'in', [...platforms])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('signoff_actions as a')
              .select('a.id')
              .whereRef('a.review_id', '=', 's.review_id')
              .whereRef('a.approver_id', '=', 's.approver_id'),
          ),
        ),
      )
      .orderBy('s.requested_at')
      .orderBy('s.review_id')
      .orderBy('s.approver_id')
      .execute();
    const due = new Map<string, DueSignOffReminder>();
    for (const row of rows) {
      let review = due.get(row.review_id);
      if (!review) {
        if (due.size >= limit) continue;
        review = { reviewId: row.review_id, approverIds: [], approverNames: {}, requestedAt: row.requested_at };
        due.set(row.review_id, review);
      }
      review.approverIds.push(row.approver_id);
      if (row.approver_name) review.approverNames[row.approver_id] = row.approver_name;
    }
    return [...due.values()];
  }

  /** Claims the reminder of these approvers; returns the ones this caller won (none when another instance has them). */
  async claim(reviewId: string, approverIds: readonly string[], by: string, at: number): Promise<string[]> {
    if (approverIds.length === 0) return [];
    const rows = await this.db.q
      .updateTable('signoff_requests')
      .set({ reminded_at: at, reminded_by: by })
      .where('review_id', '=', reviewId)
      .where('approver_id', 'in', [...approverIds])
      .where('reminded_at', 'is', null)
      .returning('approver_id')
      .execute();
    return rows.map((row) => row.approver_id).sort();
  }

  /** When each approver of a review was reminded, and by whom (null: not yet). */
  async remindersOf(reviewId: string): Promise<Array<{ approverId: string; remindedAt: number | null; remindedBy: string | null }>> {
    const rows = await this.db.q
      .selectFrom('signoff_requests')
      .select(['approver_id', 'reminded_at', 'reminded_by'])
      .where('review_id', '=', reviewId)
      .orderBy('approver_id')
      .execute();
    return rows.map((row) => ({ approverId: row.approver_id, remindedAt: row.reminded_at, remindedBy: row.reminded_by }));
  }
}

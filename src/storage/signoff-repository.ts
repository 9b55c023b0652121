import { changed } from './results.js';
import type { SqlDatabase } from './sql-database.js';

export type SignOffAction = 'approved' | 'changes_requested';

export interface SignOffRequest {
  reviewId: string;
  approverId: string;
  requestedBy: string;
  requestedAt: number;
  /** The display names they were mentioned by, where the platform gives one (Teams); null otherwise. */
  approverName: string | null;
  requestedByName: string | null;
}

/** Display names by person id, as the asking turn mentioned them. */
export type PeopleNames = Readonly<Record<string, string>>;

export interface StoredSignOffAction {
  id: number;
  reviewId: string;
  approverId: string;
  action: SignOffAction;
  note: string | null;
  /** The recommendation it was given on. */
  recommendationId: number;
  at: number;
}

interface ActionRow {
  id: number;
  review_id: string;
  approver_id: string;
  action: SignOffAction;
  note: string | null;
  recommendation_id: number;
  at: number;
}

/** Named approvers of a review and their actions (append-only). */
export class SignOffRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Names an approver; false when they were named already (the first request is kept). */
  async request(reviewId: string, approverId: string, requestedBy: string, at: number, names: PeopleNames = {}): Promise<boolean> {
    const result = await this.db.q
      .insertInto('signoff_requests')
      .values({
        review_id: reviewId,
        approver_id: approverId,
        requested_by: requestedBy,
        requested_at: at,
        approver_name: names[approverId] ?? null,
        requested_by_name: names[requestedBy] ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return changed(result);
  }

  async requests(reviewId: string): Promise<SignOffRequest[]> {
    return (await this.requestsForReviews([reviewId])).get(reviewId) ?? [];
  }

  /** The requests of each of these reviews (oldest first), in one query; a review without any is left out. */
  async requestsForReviews(reviewIds: readonly string[]): Promise<Map<string, SignOffRequest[]>> {
    if (reviewIds.length === 0) return new Map();
    const rows = await this.db.q
      .selectFrom('signoff_requests')
      .selectAll()
      .where('review_id', 'in', [...new Set(reviewIds)])
      .orderBy('requested_at')
      .orderBy('approver_id')
      .execute();
    return groupByReview(
      rows.map((row) => ({
        reviewId: row.review_id,
        approverId: row.approver_id,
        requestedBy: row.requested_by,
        requestedAt: row.requested_at,
        approverName: row.approver_name,
        requestedByName: row.requested_by_name,
      })),
    );
  }

  /** Returns the new action's id. */
  async record(action: Omit<StoredSignOffAction, 'id'>): Promise<number> {
    const { reviewId, approverId, action: kind, note, recommendationId, at } = action;
    const row = await this.db.q
      .insertInto('signoff_actions')
      .values({ review_id: reviewId, approver_id: approverId, action: kind, note, recommendation_id: recommendationId, at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Oldest first. */
  async actions(reviewId: string): Promise<StoredSignOffAction[]> {
    return (await this.actionsForReviews([reviewId])).get(reviewId) ?? [];
  }

  /** The actions on each of these reviews (oldest first), in one query; a review without any is left out. */
  async actionsForReviews(reviewIds: readonly string[]): Promise<Map<string, StoredSignOffAction[]>> {
    if (reviewIds.length === 0) return new Map();
    const rows = (await this.db.q
      .selectFrom('signoff_actions')
      .selectAll()
      .where('review_id', 'in', [...new Set(reviewIds)])
      .orderBy('id')
      .execute()) as ActionRow[];
    return groupByReview(
      rows.map((row) => ({
        id: row.id,
        reviewId: row.review_id,
        approverId: row.approver_id,
        action: row.action,
        note: row.note,
        recommendationId: row.recommendation_id,
        at: row.at,
      })),
    );
  }
}

function groupByReview<T extends { reviewId: string }>(items: T[]): Map<string, T[]> {
  const byReview = new Map<string, T[]>();
  for (const item of items) {
    const list = byReview.get(item.reviewId);
    if (list) list.push(item);
    else byReview.set(item.reviewId, [item]);
  }
  return byReview;
}

import type Database from 'better-sqlite3';

export const SIGNOFF_ACTIONS = ['approved', 'changes_requested'] as const;
export type SignOffAction = (typeof SIGNOFF_ACTIONS)[number];

export interface SignOffRequest {
  reviewId: string;
  approverId: string;
  requestedBy: string;
  requestedAt: number;
}

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

interface RequestRow {
  review_id: string;
  approver_id: string;
  requested_by: string;
  requested_at: number;
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
  private readonly insertRequest;
  private readonly selectRequests;
  private readonly insertAction;
  private readonly selectActions;

  constructor(db: Database.Database) {
    this.insertRequest = db.prepare(
      'INSERT OR IGNORE INTO signoff_requests (review_id, approver_id, requested_by, requested_at) VALUES (?, ?, ?, ?)',
    );
    this.selectRequests = db.prepare('SELECT * FROM signoff_requests WHERE review_id = ? ORDER BY requested_at, approver_id');
    this.insertAction = db.prepare(
      `INSERT INTO signoff_actions (review_id, approver_id, action, note, recommendation_id, at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.selectActions = db.prepare('SELECT * FROM signoff_actions WHERE review_id = ? ORDER BY id');
  }

  /** Names an approver; false when they were named already (the first request is kept). */
  request(reviewId: string, approverId: string, requestedBy: string, at: number): boolean {
    return this.insertRequest.run(reviewId, approverId, requestedBy, at).changes > 0;
  }

  requests(reviewId: string): SignOffRequest[] {
    return (this.selectRequests.all(reviewId) as RequestRow[]).map((row) => ({
      reviewId: row.review_id,
      approverId: row.approver_id,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
    }));
  }

  /** Returns the new action's id. */
  record(action: Omit<StoredSignOffAction, 'id'>): number {
    const { reviewId, approverId, action: kind, note, recommendationId, at } = action;
    return Number(this.insertAction.run(reviewId, approverId, kind, note, recommendationId, at).lastInsertRowid);
  }

  /** Oldest first. */
  actions(reviewId: string): StoredSignOffAction[] {
    return (this.selectActions.all(reviewId) as ActionRow[]).map((row) => ({
      id: row.id,
      reviewId: row.review_id,
      approverId: row.approver_id,
      action: row.action,
      note: row.note,
      recommendationId: row.recommendation_id,
      at: row.at,
    }));
  }
}

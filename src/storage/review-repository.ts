import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ReopenKind } from '../core/interview/interview-engine.js';
import { fromNullableJson, toJson } from './json.js';

export const PLATFORMS = ['slack', 'teams', 'cli', 'local'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const REVIEW_STATUSES = ['in_progress', 'completed', 'cancelled', 'expired'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Review {
  id: string;
  platform: Platform;
  /** Slack team id, Teams tenant id, '' for the CLI. */
  workspaceId: string;
  channelId: string;
  /** Slack thread_ts, or the Teams conversation id including ;messageid=. */
  threadRef: string | null;
  /** The Teams ConversationReference, parsed; null elsewhere. */
  conversationRef: Record<string, unknown> | null;
  /**
   * Who can see the review's conversation besides its members: 'workspace' (a Slack public channel), 'team:<id>' (a
   * Teams standard channel), null (a direct or group chat, a private channel, or not known).
   */
  audience: string | null;
  requesterId: string;
  workloadName: string;
  status: ReviewStatus;
  reopenedQuestionId: string | null;
  /** How reopenedQuestionId was re-opened: a step back, or a change from the card. */
  reopenedBy: ReopenKind | null;
  /** Later answered questions to ask again, in script order. */
  revisit: string[];
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  lastActivityAt: number;
}

export interface NewReview {
  /** Defaults to a random UUID. */
  id?: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadRef?: string | null;
  conversationRef?: Record<string, unknown> | null;
  audience?: string | null;
  requesterId: string;
  workloadName: string;
  /** Epoch ms; becomes createdAt, updatedAt and lastActivityAt. */
  at: number;
}

export interface ReviewFilter {
  platform?: Platform;
  workspaceId?: string;
  channelId?: string;
  status?: ReviewStatus;
}

interface ReviewRow {
  id: string;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  thread_ref: string | null;
  conversation_ref: string | null;
  audience: string | null;
  requester_id: string;
  workload_name: string;
  status: ReviewStatus;
  reopened_question_id: string | null;
  reopened_by: ReopenKind | null;
  revisit: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
  last_activity_at: number;
}

function toReview(row: ReviewRow): Review {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    threadRef: row.thread_ref,
    conversationRef: (fromNullableJson(row.conversation_ref) as Record<string, unknown> | undefined) ?? null,
    audience: row.audience,
    requesterId: row.requester_id,
    workloadName: row.workload_name,
    status: row.status,
    reopenedQuestionId: row.reopened_question_id,
    reopenedBy: row.reopened_by,
    revisit: parseIds(row.revisit),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    lastActivityAt: row.last_activity_at,
  };
}

function parseIds(json: string): string[] {
  const value: unknown = fromNullableJson(json);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

export class ReviewRepository {
  private readonly insert;
  private readonly insertRequester;
  private readonly byId;
  private readonly byThread;
  private readonly openByThread;
  private readonly forUser;
  private readonly recent;
  private readonly completedInChannel;
  private readonly completedInWorkspace;
  private readonly updateStatus;
  private readonly updateStatusFrom;
  private readonly updateReopened;
  private readonly updateActivity;
  private readonly updateRevisit;
  private readonly updateThread;
  private readonly stalled;
  private readonly createTx;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO reviews (id, platform, workspace_id, channel_id, thread_ref, conversation_ref, audience, requester_id,
         workload_name, status, created_at, updated_at, last_activity_at)
       VALUES (@id, @platform, @workspaceId, @channelId, @threadRef, @conversationRef, @audience, @requesterId,
         @workloadName, 'in_progress', @at, @at, @at)`,
    );
    this.insertRequester = db.prepare(
      `INSERT INTO participants (review_id, user_id, role, added_by, added_at) VALUES (?, ?, 'requester', ?, ?)`,
    );
    this.byId = db.prepare('SELECT * FROM reviews WHERE id = ?');
    // rowid breaks ties between reviews created in the same millisecond.
    this.byThread = db.prepare(
      `SELECT * FROM reviews WHERE platform = ? AND channel_id = ? AND thread_ref = ?
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    );
    this.openByThread = db.prepare(
      `SELECT * FROM reviews WHERE platform = ? AND channel_id = ? AND thread_ref = ? AND status = 'in_progress'
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    );
    // CROSS JOIN keeps participants as the outer loop: a user's reviews are few, a workspace's are many.
    this.forUser = db.prepare(
      `SELECT r.* FROM participants p CROSS JOIN reviews r ON r.id = p.review_id
       WHERE p.user_id = ? AND r.platform = ? AND r.workspace_id = ?
       ORDER BY r.updated_at DESC, r.rowid DESC LIMIT ?`,
    );
    // One statement for every filter shape: a NULL parameter means "any".
    this.recent = db.prepare(
      `SELECT * FROM reviews
       WHERE (@platform IS NULL OR platform = @platform) AND (@workspaceId IS NULL OR workspace_id = @workspaceId)
         AND (@channelId IS NULL OR channel_id = @channelId) AND (@status IS NULL OR status = @status)
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    );
    this.completedInChannel = db.prepare(
      `SELECT * FROM reviews WHERE platform = ? AND workspace_id = ? AND channel_id = ?
         AND completed_at >= ? AND completed_at < ? AND status = 'completed'
       ORDER BY completed_at, rowid`,
    );
    this.completedInWorkspace = db.prepare(
      `SELECT * FROM reviews WHERE platform = ? AND workspace_id = ?
         AND completed_at >= ? AND completed_at < ? AND status = 'completed'
       ORDER BY completed_at, rowid`,
    );
    const setStatusSql = `UPDATE reviews SET status = @status, updated_at = @at, last_activity_at = @at,
         completed_at = CASE WHEN @status = 'completed' THEN @at ELSE NULL END
       WHERE id = @id`;
    this.updateStatus = db.prepare(setStatusSql);
    this.updateStatusFrom = db.prepare(`${setStatusSql} AND status = @from`);
    this.updateReopened = db.prepare(
      'UPDATE reviews SET reopened_question_id = ?, reopened_by = ?, updated_at = ?, last_activity_at = ? WHERE id = ?',
    );
    this.updateRevisit = db.prepare('UPDATE reviews SET revisit = ?, updated_at = ?, last_activity_at = ? WHERE id = ?');
    this.updateActivity = db.prepare('UPDATE reviews SET updated_at = ?, last_activity_at = ? WHERE id = ?');
    this.updateThread = db.prepare(
      `UPDATE reviews SET thread_ref = @threadRef,
         conversation_ref = CASE WHEN @keepRef THEN conversation_ref ELSE @conversationRef END
       WHERE id = @id`,
    );
    this.stalled = db.prepare(
      `SELECT * FROM reviews WHERE status = 'in_progress' AND last_activity_at < ? ORDER BY last_activity_at, rowid`,
    );
    this.createTx = db.transaction((input: NewReview): Review => {
      const id = input.id ?? randomUUID();
      this.insert.run({
        id,
        platform: input.platform,
        workspaceId: input.workspaceId,
        channelId: input.channelId,
        threadRef: input.threadRef ?? null,
        conversationRef: input.conversationRef == null ? null : toJson(input.conversationRef),
        audience: input.audience ?? null,
        requesterId: input.requesterId,
        workloadName: input.workloadName,
        at: input.at,
      });
      this.insertRequester.run(id, input.requesterId, input.requesterId, input.at);
      return this.get(id)!;
    });
  }

  /** Creates an in_progress review and adds the requester as its first participant, atomically. */
  create(input: NewReview): Review {
    return this.createTx(input);
  }

  get(id: string): Review | undefined {
    const row = this.byId.get(id) as ReviewRow | undefined;
    return row && toReview(row);
  }

  /** The newest review started in this thread, whatever its status. */
  findByThread(platform: Platform, channelId: string, threadRef: string): Review | undefined {
    const row = this.byThread.get(platform, channelId, threadRef) as ReviewRow | undefined;
    return row && toReview(row);
  }

  /** The newest in_progress review in this thread. */
  findOpenByThread(platform: Platform, channelId: string, threadRef: string): Review | undefined {
    const row = this.openByThread.get(platform, channelId, threadRef) as ReviewRow | undefined;
    return row && toReview(row);
  }

  /** Reviews the user takes part in (as requester or participant), most recently updated first. */
  listForUser(platform: Platform, workspaceId: string, userId: string, limit: number): Review[] {
    return (this.forUser.all(userId, platform, workspaceId, limit) as ReviewRow[]).map(toReview);
  }

  /** Newest created first. */
  listRecent(limit: number, filter: ReviewFilter = {}): Review[] {
    const rows = this.recent.all({
      platform: filter.platform ?? null,
      workspaceId: filter.workspaceId ?? null,
      channelId: filter.channelId ?? null,
      status: filter.status ?? null,
      limit,
    }) as ReviewRow[];
    return rows.map(toReview);
  }

  /** Completed reviews with fromMs <= completedAt < toMs, in one channel or (channelId null) the whole workspace. */
  listCompleted(platform: Platform, workspaceId: string, channelId: string | null, fromMs: number, toMs: number): Review[] {
    const rows = (
      channelId === null
        ? this.completedInWorkspace.all(platform, workspaceId, fromMs, toMs)
        : this.completedInChannel.all(platform, workspaceId, channelId, fromMs, toMs)
    ) as ReviewRow[];
    return rows.map(toReview);
  }

  /**
   * Sets the status; completedAt becomes `at` for 'completed' and null otherwise. With `from`, only changes a review
   * currently in that status (e.g. expire only if still in_progress). Returns whether a row changed.
   */
  setStatus(id: string, status: ReviewStatus, at: number, options: { from?: ReviewStatus } = {}): boolean {
    const params = { id, status, at };
    const result =
      options.from === undefined ? this.updateStatus.run(params) : this.updateStatusFrom.run({ ...params, from: options.from });
    return result.changes > 0;
  }

  setReopened(id: string, questionId: string | null, at: number, by: ReopenKind | null = questionId === null ? null : 'change'): boolean {
    return this.updateReopened.run(questionId, questionId === null ? null : by, at, at, id).changes > 0;
  }

  /** The later answered questions to ask again, in script order ([] for none). */
  setRevisit(id: string, questionIds: readonly string[], at: number): boolean {
    return this.updateRevisit.run(toJson([...questionIds]), at, at, id).changes > 0;
  }

  /** Records activity: bumps updatedAt and lastActivityAt. */
  touch(id: string, at: number): boolean {
    return this.updateActivity.run(at, at, id).changes > 0;
  }

  /** Sets the thread once the parent message exists. conversationRef undefined keeps the stored one. */
  setThreadRef(id: string, threadRef: string | null, conversationRef?: Record<string, unknown> | null): boolean {
    const result = this.updateThread.run({
      id,
      threadRef,
      keepRef: conversationRef === undefined ? 1 : 0,
      conversationRef: conversationRef == null ? null : toJson(conversationRef),
    });
    return result.changes > 0;
  }

  /** in_progress reviews with lastActivityAt < idleSinceMs, longest idle first. */
  listStalled(idleSinceMs: number): Review[] {
    return (this.stalled.all(idleSinceMs) as ReviewRow[]).map(toReview);
  }
}

import { randomUUID } from 'node:crypto';
import type { ReopenKind } from '../core/interview/interview-engine.js';
import { fromNullableJson, toJson } from './json.js';
import { changed } from './results.js';
import type { SqlDatabase } from './sql-database.js';

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
  constructor(private readonly db: SqlDatabase) {}

  private get q() {
    return this.db.q;
  }

  /** Creates an in_progress review and adds the requester as its first participant, atomically. */
  create(input: NewReview): Promise<Review> {
    return this.db.transaction(async () => {
      const id = input.id ?? randomUUID();
      await this.q
        .insertInto('reviews')
        .values({
          id,
          platform: input.platform,
          workspace_id: input.workspaceId,
          channel_id: input.channelId,
          thread_ref: input.threadRef ?? null,
          conversation_ref: input.conversationRef == null ? null : toJson(input.conversationRef),
          audience: input.audience ?? null,
          requester_id: input.requesterId,
          workload_name: input.workloadName,
          status: 'in_progress',
          created_at: input.at,
          updated_at: input.at,
          last_activity_at: input.at,
        })
        .execute();
      await this.q
        .insertInto('participants')
        .values({ review_id: id, user_id: input.requesterId, role: 'requester', added_by: input.requesterId, added_at: input.at })
        .execute();
      return (await this.get(id))!;
    });
  }

  async get(id: string): Promise<Review | undefined> {
    const row = await this.q.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toReview(row as ReviewRow);
  }

  /** The newest review started in this thread, whatever its status. */
  findByThread(platform: Platform, channelId: string, threadRef: string): Promise<Review | undefined> {
    return this.newestInThread(platform, channelId, threadRef, false);
  }

  /** The newest in_progress review in this thread. */
  findOpenByThread(platform: Platform, channelId: string, threadRef: string): Promise<Review | undefined> {
    return this.newestInThread(platform, channelId, threadRef, true);
  }

  private async newestInThread(platform: Platform, channelId: string, threadRef: string, open: boolean): Promise<Review | undefined> {
    let query = this.q
      .selectFrom('reviews')
      .selectAll()
      .where('platform', '=', platform)
      .where('channel_id', '=', channelId)
      .where('thread_ref', '=', threadRef);
    if (open) query = query.where('status', '=', 'in_progress');
    // insertion order breaks ties between reviews created in the same millisecond
    const row = await query.orderBy('created_at', 'desc').orderBy(this.db.reviewOrder(), 'desc').limit(1).executeTakeFirst();
    return row && toReview(row as ReviewRow);
  }

  /** Reviews the user takes part in (as requester or participant), most recently updated first. */
  async listForUser(platform: Platform, workspaceId: string, userId: string, limit: number): Promise<Review[]> {
    const rows = await this.q
      .selectFrom('participants as p')
      .innerJoin('reviews as r', 'r.id', 'p.review_id')
      .selectAll('r')
      .where('p.user_id', '=', userId)
      .where('r.platform', '=', platform)
      .where('r.workspace_id', '=', workspaceId)
      .orderBy('r.updated_at', 'desc')
      .orderBy(this.db.reviewOrder('r'), 'desc')
      .limit(limit)
      .execute();
    return (rows as ReviewRow[]).map(toReview);
  }

  /** Newest created first. */
  async listRecent(limit: number, filter: ReviewFilter = {}): Promise<Review[]> {
    let query = this.q.selectFrom('reviews').selectAll();
    if (filter.platform !== undefined) query = query.where('platform', '=', filter.platform);
    if (filter.workspaceId !== undefined) query = query.where('workspace_id', '=', filter.workspaceId);
    if (filter.channelId !== undefined) query = query.where('channel_id', '=', filter.channelId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('created_at', 'desc').orderBy(this.db.reviewOrder(), 'desc').limit(limit).execute();
    return (rows as ReviewRow[]).map(toReview);
  }

  /** Completed reviews with fromMs <= completedAt < toMs, in one channel or (channelId null) the whole workspace. */
  async listCompleted(platform: Platform, workspaceId: string, channelId: string | null, fromMs: number, toMs: number): Promise<Review[]> {
    let query = this.q
      .selectFrom('reviews')
      .selectAll()
      .where('platform', '=', platform)
      .where('workspace_id', '=', workspaceId)
      .where('completed_at', '>=', fromMs)
      .where('completed_at', '<', toMs)
      .where('status', '=', 'completed');
    if (channelId !== null) query = query.where('channel_id', '=', channelId);
    const rows = await query.orderBy('completed_at').orderBy(this.db.reviewOrder()).execute();
    return (rows as ReviewRow[]).map(toReview);
  }

  /**
   * Sets the status; completedAt becomes `at` for 'completed' and null otherwise. With `from`, only changes a review
   * currently in that status (e.g. expire only if still in_progress). Returns whether a row changed.
   */
  async setStatus(id: string, status: ReviewStatus, at: number, options: { from?: ReviewStatus } = {}): Promise<boolean> {
    let query = this.q
      .updateTable('reviews')
      .set({ status, updated_at: at, last_activity_at: at, completed_at: status === 'completed' ? at : null })
      .where('id', '=', id);
    if (options.from !== undefined) query = query.where('status', '=', options.from);
    return changed(await query.executeTakeFirst());
  }

  async setReopened(
    id: string,
    questionId: string | null,
    at: number,
    by: ReopenKind | null = questionId === null ? null : 'change',
  ): Promise<boolean> {
    const result = await this.q
      .updateTable('reviews')
      .set({ reopened_question_id: questionId, reopened_by: questionId === null ? null : by, updated_at: at, last_activity_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result);
  }

  /** The later answered questions to ask again, in script order ([] for none). */
  async setRevisit(id: string, questionIds: readonly string[], at: number): Promise<boolean> {
    const result = await this.q
      .updateTable('reviews')
      .set({ revisit: toJson([...questionIds]), updated_at: at, last_activity_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result);
  }

  /** Records activity: bumps updatedAt and lastActivityAt. */
  async touch(id: string, at: number): Promise<boolean> {
    return changed(
      await this.q.updateTable('reviews').set({ updated_at: at, last_activity_at: at }).where('id', '=', id).executeTakeFirst(),
    );
  }

  /** Sets the thread once the parent message exists. conversationRef undefined keeps the stored one. */
  async setThreadRef(id: string, threadRef: string | null, conversationRef?: Record<string, unknown> | null): Promise<boolean> {
    const result = await this.q
      .updateTable('reviews')
      .set(
        conversationRef === undefined
          ? { thread_ref: threadRef }
          : { thread_ref: threadRef, conversation_ref: conversationRef === null ? null : toJson(conversationRef) },
      )
      .where('id', '=', id)
      .executeTakeFirst();
    return changed(result);
  }

  /** in_progress reviews with lastActivityAt < idleSinceMs, longest idle first. */
  async listStalled(idleSinceMs: number): Promise<Review[]> {
    const rows = await this.q
      .selectFrom('reviews')
      .selectAll()
      .where('status', '=', 'in_progress')
      .where('last_activity_at', '<', idleSinceMs)
      .orderBy('last_activity_at')
      .orderBy(this.db.reviewOrder())
      .execute();
    return (rows as ReviewRow[]).map(toReview);
  }
}

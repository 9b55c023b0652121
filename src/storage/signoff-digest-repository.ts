import type { RawBuilder } from 'kysely';
import { sql } from './kysely.js';
import type { DigestStatsQuery } from './digest-repository.js';
import { digestScopeSql } from './digest-repository.js';
import type { SqlDatabase } from './sql-database.js';

export interface PendingSignOffRow {
  reviewId: string;
  workloadName: string;
  channelId: string;
  threadRef: string | null;
  /** When the first of its approvers who have not acted was asked. */
  requestedAt: number;
  /** How many named approvers have not acted on the current recommendation. */
  pendingApprovers: number;
}

export interface ApprovalRow {
  reviewId: string;
  workloadName: string;
  channelId: string;
  threadRef: string | null;
  approverId: string;
  at: number;
}

export interface DecidedOtherwiseRow {
  reviewId: string;
  workloadName: string;
  channelId: string;
  threadRef: string | null;
  chosenModel: string;
  recommended: string;
  note: string | null;
  at: number;
}

export interface SignOffDigestStats {
  /** Completed reviews waiting for named approvers, longest waiting first. */
  pending: PendingSignOffRow[];
  /** Approvals given in [from, to) that still stand (on the current recommendation, not changed since); newest first. */
  approved: ApprovalRow[];
  /**
   * The latest decision of a review in [from, to) that chose another model than the one recommended although the
   * advice did not rate it caution or unsuitable (those are the digest's "against the advice" list); newest first.
   */
  decidedOtherwise: DecidedOtherwiseRow[];
}

/** The sign-off section's SQL for a channel (true) or an audience across the workspace (false), for either dialect. */
function signOffDigestSql(
  channel: boolean,
  q: Pick<DigestStatsQuery, 'platform' | 'workspaceId' | 'channelId' | 'audience' | 'from' | 'to'>,
) {
  const { from, to } = q;
  const scope = digestScopeSql(channel, q);
  const latestRecommendation = (review: RawBuilder<unknown>) =>
    sql`(SELECT max(x.id) FROM recommendations x WHERE x.review_id = ${review})`;
  // an approver's action stands while no later action of theirs on the same recommendation replaced it
  const standing = (alias: string) =>
    sql`NOT EXISTS (SELECT 1 FROM signoff_actions later WHERE later.review_id = ${sql.ref(`${alias}.review_id`)}
      AND later.approver_id = ${sql.ref(`${alias}.approver_id`)} AND later.recommendation_id = ${sql.ref(`${alias}.recommendation_id`)}
      AND later.id > ${sql.ref(`${alias}.id`)})`;
  return {
    pending: sql<PendingSignOffRow>`SELECT r.id AS "reviewId", r.workload_name AS "workloadName", r.channel_id AS "channelId",
         r.thread_ref AS "threadRef", min(s.requested_at) AS "requestedAt", count(*) AS "pendingApprovers"
       FROM reviews r JOIN signoff_requests s ON s.review_id = r.id
       WHERE ${scope} AND r.status = 'completed'
         AND NOT EXISTS (SELECT 1 FROM signoff_actions a WHERE a.review_id = s.review_id AND a.approver_id = s.approver_id
           AND a.recommendation_id = ${latestRecommendation(sql.ref('r.id'))})
         AND NOT EXISTS (SELECT 1 FROM signoff_actions c WHERE c.review_id = r.id AND c.action = 'changes_requested'
           AND c.recommendation_id = ${latestRecommendation(sql.ref('r.id'))} AND ${standing('c')})
       GROUP BY r.id, r.workload_name, r.channel_id, r.thread_ref
       ORDER BY min(s.requested_at), r.id`,
    approved: sql<ApprovalRow>`SELECT r.id AS "reviewId", r.workload_name AS "workloadName", r.channel_id AS "channelId",
         r.thread_ref AS "threadRef", a.approver_id AS "approverId", a.at AS at
       FROM signoff_actions a JOIN reviews r ON r.id = a.review_id
       WHERE ${scope} AND a.action = 'approved' AND a.at >= ${from} AND a.at < ${to} AND r.status = 'completed'
         AND a.recommendation_id = ${latestRecommendation(sql.ref('r.id'))} AND ${standing('a')}
       ORDER BY a.at DESC, a.id DESC`,
    decidedOtherwise: sql<DecidedOtherwiseRow>`SELECT r.id AS "reviewId", r.workload_name AS "workloadName", r.channel_id AS "channelId",
         r.thread_ref AS "threadRef", d.chosen_model AS "chosenModel", rec.recommended AS recommended, d.note AS note,
         d.created_at AS at
       FROM decisions d JOIN reviews r ON r.id = d.review_id
       JOIN recommendations rec ON rec.id = (SELECT max(x.id) FROM recommendations x
         WHERE x.review_id = d.review_id AND x.created_at <= d.created_at)
       WHERE ${scope} AND d.created_at >= ${from} AND d.created_at < ${to} AND d.against_advice = 0
         AND d.chosen_model <> rec.recommended
         AND NOT EXISTS (SELECT 1 FROM decisions later WHERE later.review_id = d.review_id AND later.id > d.id
           AND later.created_at < ${to})
       ORDER BY d.created_at DESC, d.id DESC`,
  };
}

/** What the digest's sign-off section lists, read in one transaction. */
export class SignOffDigestRepository {
  constructor(private readonly db: SqlDatabase) {}

  collect(q: Pick<DigestStatsQuery, 'platform' | 'workspaceId' | 'channelId' | 'audience' | 'from' | 'to'>): Promise<SignOffDigestStats> {
    return this.db.transaction(async () => {
      const s = signOffDigestSql(q.channelId !== null, q);
      const run = async <R>(query: RawBuilder<R>): Promise<R[]> => (await query.execute(this.db.q)).rows;
      return {
        pending: (await run(s.pending)).map((row) => ({
          ...row,
          requestedAt: Number(row.requestedAt),
          pendingApprovers: Number(row.pendingApprovers),
        })),
        approved: (await run(s.approved)).map((row) => ({ ...row, at: Number(row.at) })),
        decidedOtherwise: (await run(s.decidedOtherwise)).map((row) => ({ ...row, at: Number(row.at) })),
      };
    });
  }
}

import type { ExpressionBuilder, RawBuilder, UpdateObject } from 'kysely';
import { sql } from './kysely.js';
import { fromNullableJson, toJson } from './json.js';
import type { Platform } from './review-repository.js';
import { changed } from './results.js';
import type { Schema } from './schema.js';
import type { SqlDatabase } from './sql-database.js';
import type { Store } from './store.js';

export type DigestScope = 'channel' | 'workspace';

/** A channel's weekly digest. weekday 0 = Sunday ... 6 = Saturday; time 'HH:MM' local to timeZone. */
export interface DigestSubscription {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  weekday: number;
  time: string;
  timeZone: string;
  scope: DigestScope;
  /** Teams ConversationReference of the channel (for proactive posts); null elsewhere. */
  conversationRef: Record<string, unknown> | null;
  /**
   * Who can see the channel besides its members (see Review.audience). A workspace digest counts only reviews with the
   * same audience; with none it counts this channel's reviews only.
   */
  audience: string | null;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  /** When the schedule last changed; it applies to scheduled times from then on. */
  updatedAt: number;
}

export interface DigestPlace {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface DigestSchedule {
  weekday: number;
  time: string;
  timeZone: string;
  scope: DigestScope;
  conversationRef?: Record<string, unknown> | null;
  audience?: string | null;
}

export type SubscribeOutcome = 'created' | 'updated' | 'unchanged';

interface SubscriptionRow {
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  weekday: number;
  time: string;
  time_zone: string;
  scope: DigestScope;
  conversation_ref: string | null;
  audience: string | null;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

function toSubscription(row: SubscriptionRow): DigestSubscription {
  return {
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    weekday: row.weekday,
    time: row.time,
    timeZone: row.time_zone,
    scope: row.scope,
    conversationRef: (fromNullableJson(row.conversation_ref) as Record<string, unknown> | undefined) ?? null,
    audience: row.audience,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export class DigestSubscriptionRepository {
  constructor(private readonly db: SqlDatabase) {}

  private where(place: DigestPlace) {
    return this.db.q
      .selectFrom('digest_subscriptions')
      .selectAll()
      .where('platform', '=', place.platform)
      .where('workspace_id', '=', place.workspaceId)
      .where('channel_id', '=', place.channelId);
  }

  async get(place: DigestPlace): Promise<DigestSubscription | undefined> {
    const row = (await this.where(place).executeTakeFirst()) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  async list(): Promise<DigestSubscription[]> {
    const rows = await this.db.q
      .selectFrom('digest_subscriptions')
      .selectAll()
      .orderBy('platform')
      .orderBy('workspace_id')
      .orderBy('channel_id')
      .execute();
    return (rows as SubscriptionRow[]).map(toSubscription);
  }

  /** Creates or changes the channel's subscription. Setting the same schedule again changes nothing ('unchanged'). */
  subscribe(
    place: DigestPlace,
    schedule: DigestSchedule,
    by: string,
    at: number,
  ): Promise<{ outcome: SubscribeOutcome; subscription: DigestSubscription }> {
    return this.db.transaction(async () => {
      const current = await this.get(place);
      const conversationRef = schedule.conversationRef == null ? null : toJson(schedule.conversationRef);
      const key = { platform: place.platform, workspace_id: place.workspaceId, channel_id: place.channelId };
      const fields = {
        weekday: schedule.weekday,
        time: schedule.time,
        time_zone: schedule.timeZone,
        scope: schedule.scope,
        audience: schedule.audience ?? null,
      };
      let outcome: SubscribeOutcome;
      if (!current) {
        await this.db.q
          .insertInto('digest_subscriptions')
          .values({ ...key, ...fields, conversation_ref: conversationRef, created_by: by, created_at: at, updated_by: by, updated_at: at })
          .execute();
        outcome = 'created';
      } else if (
        current.weekday === schedule.weekday &&
        current.time === schedule.time &&
        current.timeZone === schedule.timeZone &&
        current.scope === schedule.scope &&
        current.audience === (schedule.audience ?? null)
      ) {
        // a fresher conversation reference (e.g. a new serviceUrl) is not a schedule change
        if (schedule.conversationRef !== undefined) await this.update(place, { conversation_ref: conversationRef });
        outcome = 'unchanged';
      } else {
        await this.update(place, { ...fields, conversation_ref: conversationRef, updated_by: by, updated_at: at });
        outcome = 'updated';
      }
      return { outcome, subscription: (await this.get(place))! };
    });
  }

  private async update(place: DigestPlace, values: UpdateObject<Schema, 'digest_subscriptions'>): Promise<void> {
    await this.db.q
      .updateTable('digest_subscriptions')
      .set(values)
      .where('platform', '=', place.platform)
      .where('workspace_id', '=', place.workspaceId)
      .where('channel_id', '=', place.channelId)
      .execute();
  }

  /** True when there was a subscription to remove. */
  async unsubscribe(place: DigestPlace): Promise<boolean> {
    const result = await this.db.q
      .deleteFrom('digest_subscriptions')
      .where('platform', '=', place.platform)
      .where('workspace_id', '=', place.workspaceId)
      .where('channel_id', '=', place.channelId)
      .executeTakeFirst();
    return changed(result);
  }
}

/** A channel's digest for one ISO week. */
export interface DigestRunKey extends DigestPlace {
  weekKey: string;
}

export interface DigestRun extends DigestRunKey {
  scheduledAt: number;
  claimedBy: string;
  claimedAt: number;
  attempts: number;
  postedAt: number | null;
  failedAt: number | null;
  lastError: string | null;
}

interface RunRow {
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  week_key: string;
  scheduled_at: number;
  claimed_by: string;
  claimed_at: number;
  attempts: number;
  posted_at: number | null;
  failed_at: number | null;
  last_error: string | null;
}

function toRun(row: RunRow): DigestRun {
  return {
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    weekKey: row.week_key,
    scheduledAt: row.scheduled_at,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    attempts: row.attempts,
    postedAt: row.posted_at,
    failedAt: row.failed_at,
    lastError: row.last_error,
  };
}

const ERROR_MAX = 500;

/** Claims make a digest go out once per channel and week, whatever the number of processes and restarts. */
export class DigestRunRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** True when this call claimed the run (and must post it); false when someone already did. */
  async claim(run: DigestRunKey & { scheduledAt: number }, by: string, at: number): Promise<boolean> {
    const result = await this.db.q
      .insertInto('digest_runs')
      .values({
        platform: run.platform,
        workspace_id: run.workspaceId,
        channel_id: run.channelId,
        week_key: run.weekKey,
        scheduled_at: run.scheduledAt,
        claimed_by: by,
        claimed_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return changed(result);
  }

  async get(run: DigestRunKey): Promise<DigestRun | undefined> {
    const row = (await this.db.q.selectFrom('digest_runs').selectAll().where(runKey(run)).executeTakeFirst()) as RunRow | undefined;
    return row && toRun(row);
  }

  /** Every run recorded for these week keys. */
  async listForWeeks(weekKeys: readonly string[]): Promise<DigestRun[]> {
    if (weekKeys.length === 0) return [];
    const rows = await this.db.q
      .selectFrom('digest_runs')
      .selectAll()
      .where('week_key', 'in', [...new Set(weekKeys)])
      .execute();
    return (rows as RunRow[]).map(toRun);
  }

  async markPosted(run: DigestRunKey, at: number): Promise<void> {
    await this.db.q.updateTable('digest_runs').set({ posted_at: at, failed_at: null, last_error: null }).where(runKey(run)).execute();
  }

  async markFailed(run: DigestRunKey, at: number, error: string): Promise<void> {
    await this.db.q
      .updateTable('digest_runs')
      .set({ failed_at: at, last_error: error.slice(0, ERROR_MAX) })
      .where(runKey(run))
      .where('posted_at', 'is', null)
      .execute();
  }

  /** Runs not posted that failed within [failedSince, failedBefore] and have had fewer than maxAttempts tries. */
  async listRetryable(failedBefore: number, failedSince: number, maxAttempts: number): Promise<DigestRun[]> {
    const rows = await this.db.q
      .selectFrom('digest_runs')
      .selectAll()
      .where('posted_at', 'is', null)
      .where('failed_at', 'is not', null)
      .where('failed_at', '<=', failedBefore)
      .where('failed_at', '>=', failedSince)
      .where('attempts', '<', maxAttempts)
      .orderBy('failed_at')
      .execute();
    return (rows as RunRow[]).map(toRun);
  }

  /** Takes a failed run for another attempt; true for exactly one caller. */
  async claimRetry(run: DigestRun, by: string, at: number): Promise<boolean> {
    // conditional on the failure still being there: of two instances retrying, one wins
    const result = await this.db.q
      .updateTable('digest_runs')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), claimed_by: by, claimed_at: at, failed_at: null }))
      .where(runKey(run))
      .where('posted_at', 'is', null)
      .where('failed_at', 'is not', null)
      .where('attempts', '=', run.attempts)
      .executeTakeFirst();
    return changed(result);
  }
}

/** The filter on a run's primary key. */
function runKey(run: DigestRunKey) {
  return (eb: ExpressionBuilder<Schema, 'digest_runs'>) =>
    eb.and([
      eb('platform', '=', run.platform),
      eb('workspace_id', '=', run.workspaceId),
      eb('channel_id', '=', run.channelId),
      eb('week_key', '=', run.weekKey),
    ]);
}

/**
 * What one digest counts: one channel's reviews, or (`channelId` null) the workspace's reviews with this `audience`,
 * those started where the same people can see them. Periods are [from, to) and [prevFrom, from).
 */
export interface DigestStatsQuery {
  platform: Platform;
  workspaceId: string;
  channelId: string | null;
  /** With channelId null: the audience every counted review has. */
  audience?: string | null;
  prevFrom: number;
  from: number;
  to: number;
  /** An in_progress review last active at or before this is stalled. */
  stalledBefore: number;
  /** The most items each list returns. */
  listLimit: number;
}

export interface PeriodCount {
  current: number;
  previous: number;
}

export interface StatsReviewRow {
  reviewId: string;
  workloadName: string;
  channelId: string;
  threadRef: string | null;
  /** completed_at for completed reviews, last_activity_at for stalled ones. */
  at: number;
  /** The latest recommended model id; null when there is none. */
  recommended: string | null;
}

export interface StatsDecisionRow {
  reviewId: string;
  workloadName: string;
  channelId: string;
  threadRef: string | null;
  chosenModel: string;
  /** The chosen model's verdict in the recommendation in force when the decision was taken. */
  chosenVerdict: string | null;
  recommended: string | null;
  note: string | null;
  at: number;
}

export interface DigestStats {
  completed: PeriodCount;
  /** Completed reviews per latest recommended model ('' when a review has no recommendation). */
  completedByModel: Array<{ model: string; current: number; previous: number }>;
  started: PeriodCount;
  /** The latest decision per review within each period. */
  decisions: PeriodCount;
  againstAdvice: PeriodCount;
  open: number;
  stalled: number;
  completedList: StatsReviewRow[];
  againstAdviceList: StatsDecisionRow[];
  stalledList: StatsReviewRow[];
}

/** The reviews (alias r) one digest counts: a channel's (true), or those with one audience across the workspace (false). */
export function digestScopeSql(channel: boolean, q: Pick<DigestStatsQuery, 'platform' | 'workspaceId' | 'channelId' | 'audience'>) {
  return channel
    ? sql`r.platform = ${q.platform} AND r.workspace_id = ${q.workspaceId} AND r.channel_id = ${q.channelId}`
    : // an audience nobody is known to share (null) counts nothing
      sql`r.platform = ${q.platform} AND r.workspace_id = ${q.workspaceId} AND r.audience = ${q.audience ?? null}`;
}

/**
 * The digest's SQL for a channel (true) or an audience across the workspace (false), for either dialect; exported for query-plan
 * tests. Conditions are counted with CASE (PostgreSQL does not sum booleans) and aliases are quoted (it folds case).
 */
export function digestStatsSql(db: SqlDatabase, channel: boolean, q: DigestStatsQuery) {
  const sqlite = db.dialect === 'sqlite';
  const { from, to, prevFrom, stalledBefore, listLimit } = q;
  const scope = digestScopeSql(channel, q);
  const latestModel = sql`(SELECT rec.recommended FROM recommendations rec WHERE rec.review_id = r.id ORDER BY rec.id DESC LIMIT 1)`;
  // a decision counts in its period only if no later decision on the same review falls in that same period (the
  // casts tell PostgreSQL the CASE's type, which it cannot infer from parameters)
  const latestInPeriod = sql`NOT EXISTS (SELECT 1 FROM decisions later WHERE later.review_id = d.review_id AND later.id > d.id
    AND later.created_at < CASE WHEN d.created_at >= ${from} THEN CAST(${to} AS BIGINT) ELSE CAST(${from} AS BIGINT) END)`;
  // SQLite's CROSS JOIN fixes the loop order: walk the period's decisions, then look each review up
  const joinReviews = sql.raw(sqlite ? 'CROSS JOIN reviews r ON r.id = d.review_id' : 'JOIN reviews r ON r.id = d.review_id');
  const chosenVerdict = sqlite
    ? sql`json_extract(rec.result_json, '$.verdicts."' || d.chosen_model || '"')`
    : sql`(rec.result_json::jsonb -> 'verdicts' ->> d.chosen_model)`;
  const one = (condition: RawBuilder<unknown>) => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;
  return {
    completedByModel: sql<{ current: number; model: string; n: number }>`SELECT ${one(sql`r.completed_at >= ${from}`)} AS current,
         coalesce(${latestModel}, '') AS model, count(*) AS n
       FROM reviews r WHERE ${scope} AND r.completed_at >= ${prevFrom} AND r.completed_at < ${to} AND r.status = 'completed'
       GROUP BY 1, 2`,
    completedList: sql<StatsReviewRow>`SELECT r.id AS "reviewId", r.workload_name AS "workloadName", r.channel_id AS "channelId",
         r.thread_ref AS "threadRef", r.completed_at AS at, ${latestModel} AS recommended
       FROM reviews r WHERE ${scope} AND r.completed_at >= ${from} AND r.completed_at < ${to} AND r.status = 'completed'
       ORDER BY r.completed_at DESC LIMIT ${listLimit}`,
    started: sql<PeriodCount>`SELECT coalesce(sum(${one(sql`r.created_at >= ${from}`)}), 0) AS current,
         coalesce(sum(${one(sql`r.created_at < ${from}`)}), 0) AS previous
       FROM reviews r WHERE ${scope} AND r.created_at >= ${prevFrom} AND r.created_at < ${to}`,
    decisions: sql<DecisionCounts>`SELECT coalesce(sum(${one(sql`d.created_at >= ${from}`)}), 0) AS current,
         coalesce(sum(${one(sql`d.created_at < ${from}`)}), 0) AS previous,
         coalesce(sum(${one(sql`d.against_advice = 1 AND d.created_at >= ${from}`)}), 0) AS "againstCurrent",
         coalesce(sum(${one(sql`d.against_advice = 1 AND d.created_at < ${from}`)}), 0) AS "againstPrevious"
       FROM decisions d ${joinReviews}
       WHERE d.created_at >= ${prevFrom} AND d.created_at < ${to} AND ${scope} AND ${latestInPeriod}`,
    againstAdviceList: sql<StatsDecisionRow>`SELECT d.review_id AS "reviewId", r.workload_name AS "workloadName",
         r.channel_id AS "channelId", r.thread_ref AS "threadRef", d.chosen_model AS "chosenModel", d.note AS note,
         d.created_at AS at, rec.recommended AS recommended, ${chosenVerdict} AS "chosenVerdict"
       FROM decisions d ${joinReviews}
       LEFT JOIN recommendations rec ON rec.id = (SELECT max(x.id) FROM recommendations x
         WHERE x.review_id = d.review_id AND x.created_at <= d.created_at)
       WHERE d.created_at >= ${from} AND d.created_at < ${to} AND d.against_advice = 1 AND ${scope} AND ${latestInPeriod}
       ORDER BY d.created_at DESC, d.id DESC LIMIT ${listLimit}`,
    open: sql<{ open: number; stalled: number }>`SELECT count(*) AS open,
         coalesce(sum(${one(sql`r.last_activity_at <= ${stalledBefore}`)}), 0) AS stalled
       FROM reviews r WHERE ${scope} AND r.status = 'in_progress'`,
    stalledList: sql<StatsReviewRow>`SELECT r.id AS "reviewId", r.workload_name AS "workloadName", r.channel_id AS "channelId",
         r.thread_ref AS "threadRef", r.last_activity_at AS at, ${latestModel} AS recommended
       FROM reviews r WHERE ${scope} AND r.status = 'in_progress' AND r.last_activity_at <= ${stalledBefore}
       ORDER BY r.last_activity_at, ${db.reviewOrder('r')} LIMIT ${listLimit}`,
  };
}

interface DecisionCounts {
  current: number;
  previous: number;
  againstCurrent: number;
  againstPrevious: number;
}

/** The digest's numbers in seven indexed queries, read in one transaction so they agree with each other. */
export class DigestStatsRepository {
  constructor(private readonly db: SqlDatabase) {}

  collect(query: DigestStatsQuery): Promise<DigestStats> {
    return this.db.transaction(() => this.read(query));
  }

  private async read(q: DigestStatsQuery): Promise<DigestStats> {
    const s = digestStatsSql(this.db, q.channelId !== null, q);
    const run = async <R>(query: RawBuilder<R>): Promise<R[]> => (await query.execute(this.db.q)).rows;

    const byModel = new Map<string, { model: string; current: number; previous: number }>();
    const completed = { current: 0, previous: 0 };
    for (const row of await run(s.completedByModel)) {
      const entry = byModel.get(row.model) ?? { model: row.model, current: 0, previous: 0 };
      if (Number(row.current) === 1) {
        entry.current += row.n;
        completed.current += row.n;
      } else {
        entry.previous += row.n;
        completed.previous += row.n;
      }
      byModel.set(row.model, entry);
    }
    const d = (await run(s.decisions))[0]!;
    const open = (await run(s.open))[0]!;
    return {
      completed,
      completedByModel: [...byModel.values()],
      started: (await run(s.started))[0]!,
      decisions: { current: d.current, previous: d.previous },
      againstAdvice: { current: d.againstCurrent, previous: d.againstPrevious },
      open: open.open,
      stalled: open.stalled,
      completedList: await run(s.completedList),
      againstAdviceList: await run(s.againstAdviceList),
      stalledList: await run(s.stalledList),
    };
  }
}

/** What the digest feature reads and writes: a slice of the one Store. */
export type DigestStore = Pick<
  Store,
  'database' | 'subscriptions' | 'runs' | 'stats' | 'signoffStats' | 'reminders' | 'reviews' | 'signoffReminders'
>;

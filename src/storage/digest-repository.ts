import type Database from 'better-sqlite3';
import { fromNullableJson, toJson } from './json.js';
import type { Platform } from './review-repository.js';
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
  private readonly selectOne;
  private readonly selectAll;
  private readonly insert;
  private readonly update;
  private readonly updateRef;
  private readonly remove;
  private readonly subscribeTx;

  constructor(db: Database.Database) {
    const where = 'platform = @platform AND workspace_id = @workspaceId AND channel_id = @channelId';
    this.selectOne = db.prepare(`SELECT * FROM digest_subscriptions WHERE ${where}`);
    this.selectAll = db.prepare('SELECT * FROM digest_subscriptions ORDER BY platform, workspace_id, channel_id');
    this.insert = db.prepare(
      `INSERT INTO digest_subscriptions (platform, workspace_id, channel_id, weekday, time, time_zone, scope,
         conversation_ref, audience, created_by, created_at, updated_by, updated_at)
       VALUES (@platform, @workspaceId, @channelId, @weekday, @time, @timeZone, @scope, @conversationRef, @audience,
         @by, @at, @by, @at)`,
    );
    this.update = db.prepare(
      `UPDATE digest_subscriptions SET weekday = @weekday, time = @time, time_zone = @timeZone, scope = @scope,
         conversation_ref = @conversationRef, audience = @audience, updated_by = @by, updated_at = @at WHERE ${where}`,
    );
    // a fresher conversation reference (e.g. a new serviceUrl) is not a schedule change
    this.updateRef = db.prepare(`UPDATE digest_subscriptions SET conversation_ref = @conversationRef WHERE ${where}`);
    this.remove = db.prepare(`DELETE FROM digest_subscriptions WHERE ${where}`);
    this.subscribeTx = db.transaction(
      (
        place: DigestPlace,
        schedule: DigestSchedule,
        by: string,
        at: number,
      ): { outcome: SubscribeOutcome; subscription: DigestSubscription } => {
        const current = this.get(place);
        const conversationRef = schedule.conversationRef == null ? null : toJson(schedule.conversationRef);
        const params = { ...place, ...schedule, conversationRef, audience: schedule.audience ?? null, by, at };
        let outcome: SubscribeOutcome;
        if (!current) {
          this.insert.run(params);
          outcome = 'created';
        } else if (
          current.weekday === schedule.weekday &&
          current.time === schedule.time &&
          current.timeZone === schedule.timeZone &&
          current.scope === schedule.scope &&
          current.audience === (schedule.audience ?? null)
        ) {
          if (schedule.conversationRef !== undefined) this.updateRef.run({ ...place, conversationRef });
          outcome = 'unchanged';
        } else {
          this.update.run(params);
          outcome = 'updated';
        }
        return { outcome, subscription: this.get(place)! };
      },
    );
  }

  get(place: DigestPlace): DigestSubscription | undefined {
    const row = this.selectOne.get(place) as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  list(): DigestSubscription[] {
    return (this.selectAll.all() as SubscriptionRow[]).map(toSubscription);
  }

  /** Creates or changes the channel's subscription. Setting the same schedule again changes nothing ('unchanged'). */
  subscribe(
    place: DigestPlace,
    schedule: DigestSchedule,
    by: string,
    at: number,
  ): { outcome: SubscribeOutcome; subscription: DigestSubscription } {
    return this.subscribeTx(place, schedule, by, at);
  }

  /** True when there was a subscription to remove. */
  unsubscribe(place: DigestPlace): boolean {
    return this.remove.run(place).changes > 0;
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
  private readonly insertClaim;
  private readonly selectOne;
  private readonly selectWeeks;
  private readonly selectRetryable;
  private readonly updatePosted;
  private readonly updateFailed;
  private readonly updateRetry;

  constructor(db: Database.Database) {
    const key = 'platform = @platform AND workspace_id = @workspaceId AND channel_id = @channelId AND week_key = @weekKey';
    this.insertClaim = db.prepare(
      `INSERT OR IGNORE INTO digest_runs (platform, workspace_id, channel_id, week_key, scheduled_at, claimed_by, claimed_at)
       VALUES (@platform, @workspaceId, @channelId, @weekKey, @scheduledAt, @by, @at)`,
    );
    this.selectOne = db.prepare(`SELECT * FROM digest_runs WHERE ${key}`);
    this.selectWeeks = db.prepare('SELECT * FROM digest_runs WHERE week_key IN (SELECT value FROM json_each(?))');
    this.selectRetryable = db.prepare(
      `SELECT * FROM digest_runs WHERE posted_at IS NULL AND failed_at IS NOT NULL AND failed_at <= ? AND failed_at >= ?
         AND attempts < ? ORDER BY failed_at`,
    );
    this.updatePosted = db.prepare(`UPDATE digest_runs SET posted_at = @at, failed_at = NULL, last_error = NULL WHERE ${key}`);
    this.updateFailed = db.prepare(`UPDATE digest_runs SET failed_at = @at, last_error = @error WHERE ${key} AND posted_at IS NULL`);
    // conditional on the failure still being there: of two instances retrying, one wins
    this.updateRetry = db.prepare(
      `UPDATE digest_runs SET attempts = attempts + 1, claimed_by = @by, claimed_at = @at, failed_at = NULL
       WHERE ${key} AND posted_at IS NULL AND failed_at IS NOT NULL AND attempts = @attempts`,
    );
  }

  /** True when this call claimed the run (and must post it); false when someone already did. */
  claim(run: DigestRunKey & { scheduledAt: number }, by: string, at: number): boolean {
    return this.insertClaim.run({ ...pick(run), weekKey: run.weekKey, scheduledAt: run.scheduledAt, by, at }).changes > 0;
  }

  get(run: DigestRunKey): DigestRun | undefined {
    const row = this.selectOne.get({ ...pick(run), weekKey: run.weekKey }) as RunRow | undefined;
    return row && toRun(row);
  }

  /** Every run recorded for these week keys. */
  listForWeeks(weekKeys: readonly string[]): DigestRun[] {
    if (weekKeys.length === 0) return [];
    return (this.selectWeeks.all(JSON.stringify([...new Set(weekKeys)])) as RunRow[]).map(toRun);
  }

  markPosted(run: DigestRunKey, at: number): void {
    this.updatePosted.run({ ...pick(run), weekKey: run.weekKey, at });
  }

  markFailed(run: DigestRunKey, at: number, error: string): void {
    this.updateFailed.run({ ...pick(run), weekKey: run.weekKey, at, error: error.slice(0, ERROR_MAX) });
  }

  /** Runs not posted that failed within [failedSince, failedBefore] and have had fewer than maxAttempts tries. */
  listRetryable(failedBefore: number, failedSince: number, maxAttempts: number): DigestRun[] {
    return (this.selectRetryable.all(failedBefore, failedSince, maxAttempts) as RunRow[]).map(toRun);
  }

  /** Takes a failed run for another attempt; true for exactly one caller. */
  claimRetry(run: DigestRun, by: string, at: number): boolean {
    return this.updateRetry.run({ ...pick(run), weekKey: run.weekKey, by, at, attempts: run.attempts }).changes > 0;
  }
}

function pick(place: DigestPlace): DigestPlace {
  return { platform: place.platform, workspaceId: place.workspaceId, channelId: place.channelId };
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

const LATEST_MODEL = '(SELECT rec.recommended FROM recommendations rec WHERE rec.review_id = r.id ORDER BY rec.id DESC LIMIT 1)';
// a decision counts in its period only if no later decision on the same review falls in that same period
const LATEST_IN_PERIOD = `NOT EXISTS (SELECT 1 FROM decisions later WHERE later.review_id = d.review_id AND later.id > d.id
  AND later.created_at < CASE WHEN d.created_at >= @from THEN @to ELSE @from END)`;

/** The digest's SQL for a channel (true) or an audience across the workspace (false); exported for query-plan tests. */
export function digestStatsSql(channel: boolean) {
  const scope = `r.platform = @platform AND r.workspace_id = @workspaceId AND ${channel ? 'r.channel_id = @channelId' : 'r.audience = @audience'}`;
  return {
    completedByModel: `SELECT r.completed_at >= @from AS current, coalesce(${LATEST_MODEL}, '') AS model, count(*) AS n
       FROM reviews r WHERE ${scope} AND r.completed_at >= @prevFrom AND r.completed_at < @to AND r.status = 'completed'
       GROUP BY 1, 2`,
    completedList: `SELECT r.id AS reviewId, r.workload_name AS workloadName, r.channel_id AS channelId, r.thread_ref AS threadRef,
         r.completed_at AS at, ${LATEST_MODEL} AS recommended
       FROM reviews r WHERE ${scope} AND r.completed_at >= @from AND r.completed_at < @to AND r.status = 'completed'
       ORDER BY r.completed_at DESC LIMIT @listLimit`,
    started: `SELECT coalesce(sum(r.created_at >= @from), 0) AS current, coalesce(sum(r.created_at < @from), 0) AS previous
       FROM reviews r WHERE ${scope} AND r.created_at >= @prevFrom AND r.created_at < @to`,
    // CROSS JOIN: walk the period's decisions, then look each review up, never the workspace's whole history
    decisions: `SELECT coalesce(sum(d.created_at >= @from), 0) AS current, coalesce(sum(d.created_at < @from), 0) AS previous,
         coalesce(sum(d.against_advice AND d.created_at >= @from), 0) AS againstCurrent,
         coalesce(sum(d.against_advice AND d.created_at < @from), 0) AS againstPrevious
       FROM decisions d CROSS JOIN reviews r ON r.id = d.review_id
       WHERE d.created_at >= @prevFrom AND d.created_at < @to AND ${scope} AND ${LATEST_IN_PERIOD}`,
    againstAdviceList: `SELECT d.review_id AS reviewId, r.workload_name AS workloadName, r.channel_id AS channelId,
         r.thread_ref AS threadRef, d.chosen_model AS chosenModel, d.note AS note, d.created_at AS at,
         rec.recommended AS recommended,
         json_extract(rec.result_json, '$.verdicts."' || d.chosen_model || '"') AS chosenVerdict
       FROM decisions d CROSS JOIN reviews r ON r.id = d.review_id
       LEFT JOIN recommendations rec ON rec.id = (SELECT max(x.id) FROM recommendations x
         WHERE x.review_id = d.review_id AND x.created_at <= d.created_at)
       WHERE d.created_at >= @from AND d.created_at < @to AND d.against_advice = 1 AND ${scope} AND ${LATEST_IN_PERIOD}
       ORDER BY d.created_at DESC, d.id DESC LIMIT @listLimit`,
    open: `SELECT count(*) AS open, coalesce(sum(r.last_activity_at <= @stalledBefore), 0) AS stalled
       FROM reviews r WHERE ${scope} AND r.status = 'in_progress'`,
    stalledList: `SELECT r.id AS reviewId, r.workload_name AS workloadName, r.channel_id AS channelId, r.thread_ref AS threadRef,
         r.last_activity_at AS at, ${LATEST_MODEL} AS recommended
       FROM reviews r WHERE ${scope} AND r.status = 'in_progress' AND r.last_activity_at <= @stalledBefore
       ORDER BY r.last_activity_at, r.rowid LIMIT @listLimit`,
  };
}

function statements(db: Database.Database, channel: boolean) {
  const sql = digestStatsSql(channel);
  return {
    completedByModel: db.prepare(sql.completedByModel),
    completedList: db.prepare(sql.completedList),
    started: db.prepare(sql.started),
    decisions: db.prepare(sql.decisions),
    againstAdviceList: db.prepare(sql.againstAdviceList),
    open: db.prepare(sql.open),
    stalledList: db.prepare(sql.stalledList),
  };
}

/** The digest's numbers in seven indexed queries, read in one transaction so they agree with each other. */
export class DigestStatsRepository {
  private readonly byChannel;
  private readonly byWorkspace;
  private readonly readTx;

  constructor(db: Database.Database) {
    this.byChannel = statements(db, true);
    this.byWorkspace = statements(db, false);
    this.readTx = db.transaction((q: DigestStatsQuery): DigestStats => this.read(q));
  }

  collect(query: DigestStatsQuery): DigestStats {
    return this.readTx(query);
  }

  private read(q: DigestStatsQuery): DigestStats {
    // an audience nobody is known to share counts nothing
    const s = q.channelId === null ? this.byWorkspace : this.byChannel;
    const params: Record<string, unknown> = {
      platform: q.platform,
      workspaceId: q.workspaceId,
      prevFrom: q.prevFrom,
      from: q.from,
      to: q.to,
    };
    if (q.channelId !== null) params.channelId = q.channelId;
    else params.audience = q.audience ?? null;
    const withStalled = { ...params, stalledBefore: q.stalledBefore };
    const withLimit = { ...params, listLimit: q.listLimit };

    const byModel = new Map<string, { model: string; current: number; previous: number }>();
    const completed = { current: 0, previous: 0 };
    for (const row of s.completedByModel.all(params) as Array<{ current: number; model: string; n: number }>) {
      const entry = byModel.get(row.model) ?? { model: row.model, current: 0, previous: 0 };
      if (row.current) {
        entry.current += row.n;
        completed.current += row.n;
      } else {
        entry.previous += row.n;
        completed.previous += row.n;
      }
      byModel.set(row.model, entry);
    }
    const d = s.decisions.get(params) as { current: number; previous: number; againstCurrent: number; againstPrevious: number };
    const open = s.open.get(withStalled) as { open: number; stalled: number };
    return {
      completed,
      completedByModel: [...byModel.values()],
      started: s.started.get(params) as PeriodCount,
      decisions: { current: d.current, previous: d.previous },
      againstAdvice: { current: d.againstCurrent, previous: d.againstPrevious },
      open: open.open,
      stalled: open.stalled,
      completedList: s.completedList.all(withLimit) as StatsReviewRow[],
      againstAdviceList: s.againstAdviceList.all(withLimit) as StatsDecisionRow[],
      stalledList: s.stalledList.all({ ...withStalled, listLimit: q.listLimit }) as StatsReviewRow[],
    };
  }
}

/** What the digest feature reads and writes: a slice of the one Store. */
export type DigestStore = Pick<Store, 'db' | 'subscriptions' | 'runs' | 'stats' | 'reminders' | 'reviews'>;

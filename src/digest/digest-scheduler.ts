import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Clock } from '../app/clock.js';
import type { ReviewService } from '../app/review-service.js';
import type { ProactiveOutbox } from '../conversation/outbox.js';
import { scrubSecrets } from '../logger.js';
import type { DigestRunKey, DigestStore, DigestSubscription } from '../storage/digest-repository.js';
import type { Platform } from '../storage/review-repository.js';
import { buildDigest } from './build-digest.js';
import type { DigestLens } from './digest-view.js';
import { createPacedQueue } from './paced-queue.js';
import { expiredNotice, nudgeNotice, type ReminderNotice, signOffReminderNotice } from './reminder-notice.js';
import { dueRuns, runKey, type DueRun } from './schedule.js';
import { isoWeekKey } from './zoned-time.js';

/** pino's Logger fits. */
export interface DigestLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DigestSchedulerOptions {
  store: DigestStore;
  /** Idle interviews are expired through the review use cases (the interview engine decides what expiring means). */
  reviews: Pick<ReviewService, 'expireIfIdle'>;
  clock: Clock;
  /** Each platform's proactive outbox (its adapter's own client); a platform without one is not posted to. */
  outboxes: Partial<Record<Platform, ProactiveOutbox>>;
  logger?: DigestLogger;
  /** Recorded on every claim; default host:pid:random. */
  instanceId?: string;
  /** Timer period; ticks are aligned to multiples of it. Default 60,000 (each minute). */
  tickMs?: number;
  /** REMINDER_AFTER_HOURS: idle this long -> one nudge. Default 24. Also the digest's "stalled" threshold. */
  reminderAfterHours?: number;
  /** SIGNOFF_REMINDER_HOURS: an approver who has not acted this long after being asked -> one reminder. Default 24. */
  signOffReminderHours?: number;
  /** EXPIRE_AFTER_DAYS: idle this long -> expired with a note. Default 7. */
  expireAfterDays?: number;
  /** Platforms whose interviews are nudged and expired. Default slack and teams (CLI interviews are left alone). */
  reminderPlatforms?: readonly Platform[];
  /** A failed digest is retried once, this long after the failure. Default 5 minutes. */
  retryDelayMs?: number;
  /** Spacing between posts to one destination. Defaults: Slack 1,100 ms per channel, Teams 150 ms per conversation. */
  pacing?: { slackMs?: number; teamsMs?: number };
  /** Posts in flight at once across destinations. Default 4. */
  concurrency?: number;
  /** For tests: how the queue waits between posts (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Most reviews nudged or expired per tick. Default 200. */
  batchLimit?: number;
  /** The lenses the server applies (LENS_PATHS), named in every digest as on the cards. Default none. */
  lenses?: readonly DigestLens[];
}

export interface TickReport {
  digestsPosted: number;
  digestsFailed: number;
  nudgesPosted: number;
  nudgesFailed: number;
  expired: number;
  signOffRemindersPosted: number;
  signOffRemindersFailed: number;
}

export interface DigestScheduler {
  /** One pass: claim and post due digests (and one retry of failed ones), expire and nudge idle interviews. */
  tick(): Promise<TickReport>;
  /** Ticks now (catching up a digest missed while down) and then every tickMs. */
  start(): void;
  /** Stops the timer and waits for the pass in progress. */
  stop(): Promise<void>;
  readonly instanceId: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MAX_ATTEMPTS = 2;
const LOG_POSTED: Record<ReminderNotice['kind'], string> = {
  nudge: 'stalled interview nudged',
  expired: 'expiry note posted',
  signoff: 'sign-off reminder posted',
};
const LOG_FAILED: Record<ReminderNotice['kind'], string> = {
  nudge: 'nudge failed',
  expired: 'expiry note failed',
  signoff: 'sign-off reminder failed',
};
const silent: DigestLogger = { debug() {}, info() {}, warn() {}, error() {} };
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function message(error: unknown): string {
  return scrubSecrets(error instanceof Error ? error.message : String(error));
}

/**
 * Posts weekly digests exactly once per channel and week, nudges/expires idle interviews once, and reminds approvers
 * who have not acted on a sign-off once, across restarts and several instances on one database: each post is claimed
 * in the database (INSERT ... ON CONFLICT DO NOTHING, or a conditional UPDATE) before it is attempted, and only the
 * claimant posts.
 *
 * Failures: a digest whose poster throws is recorded (posted_at NULL, failed_at, last_error) and retried ONCE after
 * retryDelayMs if still in the same week - transient errors (a 5xx, a timeout, a rate limit) are the common case and
 * one more weekly message is worth one retry. A claim whose outcome was never recorded (the process died mid-post) is
 * not retried: we cannot know whether the message went out, and a duplicate is worse than a gap. Nudges and expiry
 * notes are best effort: a failure is recorded and logged, never retried.
 */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const ds = options.store;
  const { clock, outboxes } = options;
  const logger = options.logger ?? silent;
  const instanceId = options.instanceId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const tickMs = options.tickMs ?? 60_000;
  const reminderAfterMs = (options.reminderAfterHours ?? 24) * HOUR_MS;
  const expireAfterDays = options.expireAfterDays ?? 7;
  const signOffReminderMs = (options.signOffReminderHours ?? 24) * HOUR_MS;
  const expireAfterMs = expireAfterDays * DAY_MS;
  const platforms = options.reminderPlatforms ?? (['slack', 'teams'] as const);
  const retryDelayMs = options.retryDelayMs ?? 5 * 60_000;
  const interval = { slack: options.pacing?.slackMs ?? 1100, teams: options.pacing?.teamsMs ?? 150 };
  const batchLimit = options.batchLimit ?? 200;
  // spacing is about real elapsed time (platform rate limits), so the queue keeps its own monotonic clock
  const queue = createPacedQueue({ concurrency: options.concurrency ?? 4, ...(options.sleep ? { sleep: options.sleep } : {}) });

  let current: Promise<TickReport> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  // a stop() and start() while a tick is in flight must not leave two timer chains
  let generation = 0;

  const lane = (platform: Platform, workspaceId: string, channelId: string) =>
    [`${platform}:${workspaceId}:${channelId}`, platform === 'teams' ? interval.teams : interval.slack] as const;

  // a Teams channel is reached through its stored conversation reference only
  const canPost = (s: DigestSubscription) => outboxes[s.platform] !== undefined && (s.platform !== 'teams' || s.conversationRef !== null);

  function postDigest(due: DueRun, attempt: number, report: TickReport): Promise<void> {
    const s = due.subscription;
    const run: DigestRunKey = { platform: s.platform, workspaceId: s.workspaceId, channelId: s.channelId, weekKey: due.weekKey };
    const log = { ...run, attempt, instanceId };
    return queue
      .push(...lane(s.platform, s.workspaceId, s.channelId), async () => {
        await yieldToEventLoop(); // let interactive requests in between digests
        const view = await buildDigest(ds, s, clock.now(), {
          periodEnd: due.scheduledAt,
          stalledAfterMs: reminderAfterMs,
          ...(options.lenses ? { lenses: options.lenses } : {}),
        });
        await outboxes[s.platform]!.postDigest(s, view);
      })
      .then(
        async () => {
          await ds.runs.markPosted(run, clock.now());
          report.digestsPosted += 1;
          logger.info(log, 'digest posted');
        },
        async (error: unknown) => {
          const reason = message(error);
          await ds.runs.markFailed(run, clock.now(), reason);
          report.digestsFailed += 1;
          logger.error({ ...log, err: reason, willRetry: attempt < MAX_ATTEMPTS }, 'digest post failed');
        },
      );
  }

  function postNotice(notice: ReminderNotice, report: TickReport, claim?: { reviewId: string; idleSince: number }): Promise<void> {
    const review = notice.review;
    const kind = notice.kind;
    const outbox = outboxes[review.platform]!;
    const log = { reviewId: review.id, platform: review.platform, channelId: review.channelId, instanceId };
    return queue
      .push(...lane(review.platform, review.workspaceId, review.channelId), () => outbox.postReminder(review, notice))
      .then(
        async () => {
          if (claim) await ds.reminders.markNudgePosted(claim, clock.now());
          if (kind === 'nudge') report.nudgesPosted += 1;
          if (kind === 'signoff') report.signOffRemindersPosted += 1;
          logger.info(log, LOG_POSTED[kind]);
        },
        async (error: unknown) => {
          const reason = message(error);
          if (claim) await ds.reminders.markNudgeFailed(claim, clock.now(), reason);
          if (kind === 'nudge') report.nudgesFailed += 1;
          if (kind === 'signoff') report.signOffRemindersFailed += 1;
          logger.warn({ ...log, err: reason }, LOG_FAILED[kind]);
        },
      );
  }

  async function runTick(): Promise<TickReport> {
    const now = clock.now();
    const report: TickReport = {
      digestsPosted: 0,
      digestsFailed: 0,
      nudgesPosted: 0,
      nudgesFailed: 0,
      expired: 0,
      signOffRemindersPosted: 0,
      signOffRemindersFailed: 0,
    };
    const jobs: Array<Promise<void>> = [];

    // digests: claim first, post after; losing the INSERT ... ON CONFLICT DO NOTHING means another instance (or an earlier run) has it
    const subscriptions = (await ds.subscriptions.list()).filter(canPost);
    const weekKeys = subscriptions.map((s) => isoWeekKey(now, s.timeZone));
    const claimed = new Set((await ds.runs.listForWeeks(weekKeys)).map((r) => runKey(r, r.weekKey)));
    for (const due of dueRuns(now, subscriptions, claimed)) {
      const s = due.subscription;
      const key = { platform: s.platform, workspaceId: s.workspaceId, channelId: s.channelId, weekKey: due.weekKey };
      if (!(await ds.runs.claim({ ...key, scheduledAt: due.scheduledAt }, instanceId, now))) continue;
      jobs.push(postDigest(due, 1, report));
    }

    // one retry of a failed digest, while its week lasts
    const byPlace = new Map(subscriptions.map((s) => [runKey(s, ''), s]));
    for (const run of await ds.runs.listRetryable(now - retryDelayMs, now - 8 * DAY_MS, MAX_ATTEMPTS)) {
      const s = byPlace.get(runKey(run, ''));
      if (!s || isoWeekKey(now, s.timeZone) !== run.weekKey) continue;
      if (!(await ds.runs.claimRetry(run, instanceId, now))) continue;
      jobs.push(postDigest({ subscription: s, weekKey: run.weekKey, scheduledAt: run.scheduledAt }, run.attempts + 1, report));
    }

    // expiry first, so an interview past both thresholds is expired rather than nudged
    const expireBefore = now - expireAfterMs;
    for (const id of await ds.reminders.listToExpire(expireBefore, platforms, batchLimit)) {
      const review = await options.reviews.expireIfIdle(id, expireBefore);
      if (!review) continue;
      report.expired += 1;
      logger.info({ reviewId: id, instanceId }, 'idle interview expired');
      if (outboxes[review.platform]) jobs.push(postNotice(expiredNotice(review, expireAfterDays), report));
    }

    // nudged only where this instance can post (claimed first: one nudge per idle spell across instances)
    const nudgeable = platforms.filter((p) => outboxes[p] !== undefined);
    const toNudge = nudgeable.length > 0 ? await ds.reminders.listToNudge(now - reminderAfterMs, expireBefore, nudgeable, batchLimit) : [];
    for (const review of toNudge) {
      if (!(await ds.reminders.claimNudge(review, instanceId, now))) continue;
      const notice = nudgeNotice(review, (now - review.lastActivityAt) / HOUR_MS, expireAfterDays);
      jobs.push(postNotice(notice, report, { reviewId: review.id, idleSince: review.lastActivityAt }));
    }

    // approvers who have not acted: claimed per approver first (a conditional UPDATE one instance wins), then reminded
    for (const due of await ds.signoffReminders.listDue(now - signOffReminderMs, nudgeable, batchLimit)) {
      const won = await ds.signoffReminders.claim(due.reviewId, due.approverIds, instanceId, now);
      if (won.length === 0) continue;
      const review = await ds.reviews.get(due.reviewId);
      if (!review) continue;
      jobs.push(postNotice(signOffReminderNotice(review, won, (now - due.requestedAt) / HOUR_MS, due.approverNames), report));
    }

    await Promise.all(jobs);
    return report;
  }

  function tick(): Promise<TickReport> {
    // one pass at a time per scheduler; claims keep separate schedulers apart
    current ??= runTick().finally(() => {
      current = undefined;
    });
    return current;
  }

  function schedule(mine: number): void {
    if (!running || mine !== generation) return;
    const delay = tickMs - (Date.now() % tickMs) + 50; // just after each boundary: the scheduled minute itself
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => logger.error({ err: message(error), instanceId }, 'digest tick failed'))
        .finally(() => schedule(mine));
    }, delay);
    timer.unref();
  }

  return {
    instanceId,
    tick,
    start() {
      if (running) return;
      running = true;
      const mine = ++generation;
      tick()
        .catch((error: unknown) => logger.error({ err: message(error), instanceId }, 'digest tick failed'))
        .finally(() => schedule(mine));
    },
    async stop() {
      running = false;
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
  };
}

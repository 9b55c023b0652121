import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { InboxService } from '../app/inbox-service.js';
import type { Logger } from '../logger.js';
import type { InboxPlatform, InboxRow } from '../storage/index.js';
import { runAsInboxJob } from './current-job.js';
import { WorkQueue } from './work-queue.js';

/** One stored request being worked on. */
export interface InboxJob {
  /**
   * Recorded by a process that stopped before finishing it (or postponed): its work may be stored with its replies
   * unposted, and nobody else is posting them.
   */
  readonly resumed: boolean;
  /** Keeps the request for another try after `ms` (Slack asked to wait out a rate limit). */
  postpone(ms: number): void;
}

export interface InboxRunnerOptions {
  platform: InboxPlatform;
  inbox: Pick<InboxService, 'accept' | 'load' | 'done' | 'take' | 'renew' | 'postpone' | 'release'>;
  /** Does the request's work: the platform runs it through its own listeners again, this time for real. */
  replay(row: InboxRow, job: InboxJob): Promise<void>;
  logger: Logger;
  /** Jobs at once (default 8). */
  concurrency?: number;
  /** Jobs waiting in memory (ids only); beyond it requests stay in the database until there is room (default 1,000). */
  maxQueued?: number;
  /** How long a process holds a request before another may take it (default 15 s); renewed every third of it. */
  leaseMs?: number;
  /** How often lapsed, postponed and spilled requests are looked for (default 2 s). */
  sweepMs?: number;
  /** A request whose work has failed this many times is dropped (default 5). */
  maxAttempts?: number;
}

export type AcceptOutcome = 'queued' | 'stored' | 'duplicate' | 'full';

const FAILED_RETRY_MS = 30_000;

/**
 * Runs a platform's acknowledged work from the inbox: `accept` records a request (before the caller acknowledges it)
 * and queues its id; jobs load the request, replay it, and delete it when done. Requests of a process that died are
 * taken by any process once their lease lapses, at start and every sweep; `stop` waits for running work up to a
 * deadline and gives up the rest for the next process. Memory holds ids only: the bodies wait in the database.
 */
/** How long a stopping process lets work in hand finish; what is left stays in the inbox for the next process. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

export class InboxRunner {
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly queue: WorkQueue;
  private readonly leaseMs: number;
  private readonly sweepMs: number;
  private readonly maxAttempts: number;
  private timer: NodeJS.Timeout | undefined;
  private lastRenew = 0;
  private stopping = false;
  /** Ids queued or running here, so a sweep never queues one twice. */
  private readonly held = new Set<number>();

  constructor(private readonly options: InboxRunnerOptions) {
    this.queue = new WorkQueue({
      concurrency: options.concurrency ?? 8,
      maxQueued: options.maxQueued ?? 1000,
      onError: (error) => options.logger.error({ err: error }, 'inbox job failed'),
    });
    this.leaseMs = options.leaseMs ?? 15_000;
    this.sweepMs = options.sweepMs ?? 2000;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /**
   * Records a request and queues it. 'stored': recorded, waiting in the database for room in the queue. 'duplicate': its
   * delivery key was seen before. 'full': too many requests are stored; nothing was. Throws StorageError when the
   * database refuses the write.
   */
  async accept(body: unknown, deliveryKey?: string): Promise<AcceptOutcome> {
    const room = !this.stopping && this.queue.room > 0;
    const outcome = await this.options.inbox.accept(this.options.platform, body, {
      owner: room ? this.owner : null,
      leaseMs: this.leaseMs,
      deliveryKey,
    });
    if (outcome.kind !== 'accepted') return outcome.kind;
    if (!room) return 'stored';
    this.enqueue(outcome.id, false);
    return 'queued';
  }

  /**
   * Records a request the caller works on now itself (under `track`), held here under a renewed lease; `finish`
   * deletes it once done. If this process stops first, the row is left for the next one (released by `stop`, or
   * taken once its lease lapses). Throws StorageError when the database refuses the write.
   */
  async hold(body: unknown, deliveryKey?: string): Promise<{ kind: 'held'; id: number } | { kind: 'duplicate' | 'full' }> {
    const outcome = await this.options.inbox.accept(this.options.platform, body, { owner: this.owner, leaseMs: this.leaseMs, deliveryKey });
    return outcome.kind === 'accepted' ? { kind: 'held', id: outcome.id } : outcome;
  }

  /** The held request's work is done. */
  async finish(id: number): Promise<void> {
    try {
      await this.options.inbox.done(id);
    } catch (error) {
      this.options.logger.warn({ err: error, inboxId: id }, 'could not mark an inbox request done; the next start runs it again');
    }
  }

  /** Takes what earlier processes left, then keeps sweeping and renewing leases. */
  start(): void {
    this.stopping = false;
    void this.sweep();
    this.schedule();
  }

  /**
   * Stops taking work; waits up to `deadlineMs` for the work running or queued here, then releases what is left so
   * the next process takes it at once. True when everything finished.
   */
  async stop(deadlineMs: number): Promise<boolean> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const finished = await this.queue.idle(deadlineMs);
    try {
      await this.options.inbox.release(this.owner);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not release inbox requests; they are taken once their lease lapses');
    }
    if (!finished)
      this.options.logger.warn({ left: this.queue.pending }, 'shutdown deadline passed: unfinished requests stay in the inbox');
    return finished;
  }

  /** Resolves true once nothing is queued or running here (false after timeoutMs). */
  idle(timeoutMs?: number): Promise<boolean> {
    return this.queue.idle(timeoutMs);
  }

  /** Counts work that runs now rather than from the inbox (so idle and stop wait for it too). */
  track<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.track(work);
  }

  get pending(): number {
    return this.queue.pending;
  }

  private schedule(): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      void this.sweep().finally(() => this.schedule());
    }, this.sweepMs);
    this.timer.unref();
  }

  /** Renews the leases held here, then takes requests nobody holds, as far as the queue has room. */
  private async sweep(): Promise<void> {
    try {
      const now = Date.now();
      if (now - this.lastRenew >= this.leaseMs / 3) {
        await this.options.inbox.renew(this.owner, this.leaseMs);
        this.lastRenew = now;
      }
      if (this.stopping) return;
      const ids = await this.options.inbox.take(this.options.platform, this.owner, this.leaseMs, this.queue.room);
      for (const id of ids) this.enqueue(id, true);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'inbox sweep failed; trying again at the next one');
    }
  }

  private enqueue(id: number, resumed: boolean): void {
    if (this.held.has(id)) return;
    this.held.add(id);
    if (!this.queue.defer(() => this.run(id, resumed).finally(() => this.held.delete(id)))) this.held.delete(id);
  }

  private async run(id: number, resumed: boolean): Promise<void> {
    const { inbox, logger } = this.options;
    const row = await inbox.load(id);
    if (!row) return; // done meanwhile by whoever held it before
    if (row.attempts > this.maxAttempts) {
      logger.error({ inboxId: id, attempts: row.attempts }, 'dropping an inbox request whose work keeps failing');
      await inbox.done(id);
      return;
    }
    let postponeMs: number | undefined;
    const job: InboxJob = {
      resumed,
      postpone: (ms) => {
        postponeMs = Math.max(postponeMs ?? 0, ms);
      },
    };
    try {
      await runAsInboxJob(job, () => this.options.replay(row, job));
    } catch (error) {
      logger.error({ err: error, inboxId: id }, 'inbox request failed; it is tried again later');
      postponeMs = FAILED_RETRY_MS;
    }
    if (postponeMs !== undefined) {
      await inbox.postpone(id, postponeMs);
      logger.info({ inboxId: id, postponeMs }, 'inbox request postponed');
    } else {
      await inbox.done(id);
    }
  }
}

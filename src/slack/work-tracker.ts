export interface WorkTrackerOptions {
  /** Deferred jobs running at once. */
  concurrency?: number;
  /** Deferred work waits until no request has arrived for this long… */
  quietMs?: number;
  /** …but never longer than this per job. */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Listener work that runs after the ack. The event loop is shared, so work done for one request delays the ack of
 * the next; acks have a 3-second deadline, posts do not. So:
 * - `defer` queues work, at most `concurrency` jobs at a time, and each job waits (`yieldToRequests`) for a short
 *   quiet moment with no new request arriving, at most `maxWaitMs`: under a burst of commands the acks go out first
 *   and the posts follow in order. Once per job, not per Web API call: a job's later steps run after awaiting Slack,
 *   when pending requests have had their turn anyway, and each extra wait delayed the next question.
 * - it counts what is queued or running, so stop() can let it finish and tests can wait for it instead of sleeping.
 */
export class WorkTracker {
  private running = 0;
  private active = 0;
  private lastArrival = -Infinity;
  private readonly queue: Array<() => Promise<unknown>> = [];
  private waiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(options: WorkTrackerOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.quietMs = options.quietMs ?? 2;
    this.maxWaitMs = options.maxWaitMs ?? 50;
    this.onError = options.onError ?? (() => {});
  }

  /** A request arrived (called as early as the receiver allows). */
  noteArrival(): void {
    this.lastArrival = performance.now();
  }

  /** Resolves once no request has arrived for quietMs, or after maxWaitMs: lets pending acks go first. */
  async yieldToRequests(): Promise<void> {
    const started = performance.now();
    for (;;) {
      const now = performance.now();
      const quietFor = now - this.lastArrival;
      const waited = now - started;
      if (quietFor >= this.quietMs || waited >= this.maxWaitMs) return;
      await sleep(Math.max(1, Math.min(this.quietMs - quietFor, this.maxWaitMs - waited)));
    }
  }

  /** Runs work now and counts it until it settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.settle();
    }
  }

  /** Queues work to run after the current request is answered; errors go to onError. */
  defer(work: () => Promise<unknown>): void {
    this.running += 1;
    this.queue.push(work);
    this.pump();
  }

  get pending(): number {
    return this.running;
  }

  /** Resolves once nothing is queued or running (checked across a few event-loop turns, so just-arrived requests count). */
  async idle(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      if (this.running === 0) {
        quiet += 1;
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        quiet = 0;
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    }
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const work = this.queue.shift() as () => Promise<unknown>;
      this.active += 1;
      setImmediate(() => {
        this.yieldToRequests()
          .then(work)
          .catch((error: unknown) => this.onError(error))
          .finally(() => {
            this.active -= 1;
            this.settle();
            this.pump();
          });
      });
    }
  }

  private settle(): void {
    this.running -= 1;
    if (this.running === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

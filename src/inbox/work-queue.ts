export interface WorkQueueOptions {
  /** Jobs running at once. */
  concurrency?: number;
  /** Jobs waiting beyond this are refused (reported to onError): the queue stays bounded under any burst. */
  maxQueued?: number;
  onError?: (error: unknown) => void;
}

export class WorkQueueFullError extends Error {
  constructor(readonly maxQueued: number) {
    super(`more than ${maxQueued} jobs are waiting; this one was refused`);
    this.name = 'WorkQueueFullError';
  }
}

/**
 * Work that runs after a request was answered (Slack's 3-second rule, Teams' acknowledgement): `defer` queues it, at
 * most `concurrency` jobs at a time, in arrival order, and never more than `maxQueued` waiting. It counts what is
 * queued or running, so shutdown can wait for it (up to a deadline) and tests can wait instead of sleeping.
 */
export class WorkQueue {
  private running = 0;
  private active = 0;
  private readonly queue: Array<() => Promise<unknown>> = [];
  private waiters: Array<() => void> = [];
  private readonly concurrency: number;
  readonly maxQueued: number;
  private readonly onError: (error: unknown) => void;

  constructor(options: WorkQueueOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.maxQueued = options.maxQueued ?? 10_000;
    this.onError = options.onError ?? (() => {});
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

  /** Places free for deferred work (running slots and waiting places together). */
  get room(): number {
    return this.maxQueued - this.queue.length + Math.max(0, this.concurrency - this.active);
  }

  /** Queues work to run after the current request is answered; errors go to onError. False when it was refused. */
  defer(work: () => Promise<unknown>): boolean {
    if (this.queue.length >= this.maxQueued) {
      this.onError(new WorkQueueFullError(this.maxQueued));
      return false;
    }
    this.running += 1;
    this.queue.push(work);
    this.pump();
    return true;
  }

  get pending(): number {
    return this.running;
  }

  /**
   * Resolves true once nothing is queued or running (checked across a few event-loop turns, so just-arrived requests
   * count), or false after `timeoutMs`.
   */
  async idle(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let quiet = 0; quiet < 3; ) {
      if (this.running === 0) {
        quiet += 1;
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      quiet = 0;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const settled = await new Promise<boolean>((resolve) => {
        const timer = Number.isFinite(left) ? setTimeout(() => resolve(false), left) : undefined;
        timer?.unref();
        this.waiters.push(() => {
          if (timer) clearTimeout(timer);
          resolve(true);
        });
      });
      if (!settled) return false;
    }
    return true;
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift() as () => Promise<unknown>;
      this.active += 1;
      // after the current turn: the acknowledgement that queued it goes out first
      setImmediate(() => {
        Promise.resolve()
          .then(job)
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

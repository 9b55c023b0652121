export interface WorkTrackerOptions {
  /** Deferred jobs running at once. */
  concurrency?: number;
  /** Jobs waiting beyond this are refused (reported to onError): the queue stays bounded under any burst. */
  maxQueued?: number;
  onError?: (error: unknown) => void;
}

export class WorkQueueFullError extends Error {
  constructor(readonly maxQueued: number) {
    super(`more than ${maxQueued} Slack jobs are waiting; this one was dropped`);
    this.name = 'WorkQueueFullError';
  }
}

/**
 * Listener work that runs after the ack (Slack's 3-second rule: ack first, work after): `defer` queues it, at most
 * `concurrency` jobs at a time, in arrival order. It counts what is queued or running, so stop() can let it finish
 * and tests can wait for it instead of sleeping.
 */
export class WorkTracker {
  private running = 0;
  private active = 0;
  private readonly queue: Array<() => Promise<unknown>> = [];
  private waiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly onError: (error: unknown) => void;

  constructor(options: WorkTrackerOptions = {}) {
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

  /** Queues work to run after the current request is answered; errors go to onError. */
  defer(work: () => Promise<unknown>): void {
    if (this.queue.length >= this.maxQueued) {
      this.onError(new WorkQueueFullError(this.maxQueued));
      return;
    }
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
      const job = this.queue.shift() as () => Promise<unknown>;
      this.active += 1;
      // after the current turn: the ack that queued it goes out first
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

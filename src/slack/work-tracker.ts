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
 * - `defer` queues work, at most `concurrency` jobs at a time. A background job (a new review's first posts) first
 *   waits (`yieldToRequests`) for a short quiet moment with no new request arriving, at most `maxWaitMs`: under a
 *   burst of commands the acks go out first and the posts follow in order. An interactive job (what follows a click
 *   or a reply in a review: the next question, which the person is waiting for) skips that wait and goes ahead of
 *   queued background jobs. Measured under load, the waits (this one and a turn before each Web API call) were most
 *   of the time from an answer to the next question.
 * - `hasOpenRequests` says whether a request is being read or answered right now (HTTP mode), so a job can let its
 *   ack go first (see callSlack) without giving up its turn when nobody is waiting.
 * - it counts what is queued or running, so stop() can let it finish and tests can wait for it instead of sleeping.
 */
export class WorkTracker {
  private running = 0;
  private active = 0;
  private lastArrival = -Infinity;
  private openRequests = 0;
  private readonly interactive: Array<() => Promise<unknown>> = [];
  private readonly background: Array<() => Promise<unknown>> = [];
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

  /** An HTTP request's headers are in; call the returned function once its response is sent or it is aborted. */
  requestOpened(): () => void {
    this.noteArrival();
    this.openRequests += 1;
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.openRequests -= 1;
    };
  }

  /** True while a request is between its headers and its response: its ack may be waiting for the event loop. */
  get hasOpenRequests(): boolean {
    return this.openRequests > 0;
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

  /**
   * Queues work to run after the current request is answered; errors go to onError. `interactive`: someone is
   * waiting for its result, so it starts on the next event-loop turn instead of waiting for a quiet moment.
   */
  defer(work: () => Promise<unknown>, options: { interactive?: boolean } = {}): void {
    this.running += 1;
    if (options.interactive) this.interactive.push(async () => work());
    else this.background.push(() => this.yieldToRequests().then(work));
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
    while (this.active < this.concurrency && this.interactive.length + this.background.length > 0) {
      const job = (this.interactive.shift() ?? this.background.shift()) as () => Promise<unknown>;
      this.active += 1;
      setImmediate(() => {
        job()
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

/**
 * The digest's own posting queue: one lane per destination (a Slack channel, a Teams conversation) whose posts start
 * at least `intervalMs` apart, lanes running side by side with at most `concurrency` posts in flight. It shares
 * nothing with interactive replies, so a burst of digests can only ever wait on itself.
 */
export interface PacedQueue {
  /** Runs task in the key's lane once its interval has passed; resolves or rejects with the task. */
  push<T>(key: string, intervalMs: number, task: () => Promise<T>): Promise<T>;
  /** Resolves when every lane is empty. */
  idle(): Promise<void>;
  /** Tasks queued or running. */
  readonly size: number;
}

export interface PacedQueueOptions {
  /** Posts in flight across lanes. Default 4. */
  concurrency?: number;
  /** Milliseconds for spacing; default performance.now (monotonic). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface Job {
  intervalMs: number;
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Lane {
  jobs: Job[];
  running: boolean;
  /** Earliest start of the lane's next post. */
  nextAt: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacedQueue(options: PacedQueueOptions = {}): PacedQueue {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const lanes = new Map<string, Lane>();
  let size = 0;
  let inFlight = 0;
  const slotWaiters: Array<() => void> = [];
  let idleWaiters: Array<() => void> = [];

  async function acquire(): Promise<void> {
    if (inFlight < concurrency) {
      inFlight += 1;
      return;
    }
    await new Promise<void>((resolve) => slotWaiters.push(resolve));
  }

  function release(): void {
    const next = slotWaiters.shift();
    if (next)
      next(); // hand the slot over
    else inFlight -= 1;
  }

  async function drain(key: string, lane: Lane): Promise<void> {
    lane.running = true;
    while (lane.jobs.length > 0) {
      const job = lane.jobs.shift()!;
      const wait = lane.nextAt - now();
      if (wait > 0) await sleep(wait);
      await acquire();
      lane.nextAt = now() + job.intervalMs;
      try {
        job.resolve(await job.task());
      } catch (error) {
        job.reject(error);
      } finally {
        release();
        size -= 1;
      }
    }
    lane.running = false;
    // forget lanes whose spacing no longer matters, so the map stays as small as the active destinations
    if (lane.nextAt <= now()) lanes.delete(key);
    if (size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  return {
    push<T>(key: string, intervalMs: number, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let lane = lanes.get(key);
        if (!lane) {
          lane = { jobs: [], running: false, nextAt: 0 };
          lanes.set(key, lane);
        }
        lane.jobs.push({ intervalMs, task, resolve: resolve as (v: unknown) => void, reject });
        size += 1;
        if (!lane.running) void drain(key, lane);
      });
    },
    idle(): Promise<void> {
      if (size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get size() {
      return size;
    },
  };
}

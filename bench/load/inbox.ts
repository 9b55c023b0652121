/**
 * Posts the fake platforms received, queued per key (a Slack channel, a Teams conversation): a driver takes the next
 * one for its interview. Each interview has its own key and sends one request at a time, so FIFO order is the order
 * the app answered in, whether the post arrived before or after the driver asked for it.
 */
export class Inbox<T> {
  private readonly queues = new Map<string, T[]>();
  private readonly waiters = new Map<string, (item: T | undefined) => void>();

  push(key: string, item: T): void {
    const waiter = this.waiters.get(key);
    if (waiter) {
      this.waiters.delete(key);
      waiter(item);
      return;
    }
    const queue = this.queues.get(key);
    if (queue) queue.push(item);
    else this.queues.set(key, [item]);
  }

  /** The next post for `key`, or undefined after `timeoutMs` (the interview is then counted as failed). */
  take(key: string, timeoutMs: number): Promise<T | undefined> {
    const queue = this.queues.get(key);
    if (queue && queue.length > 0) {
      const item = queue.shift() as T;
      if (queue.length === 0) this.queues.delete(key);
      return Promise.resolve(item);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(key, (item) => {
        clearTimeout(timer);
        resolve(item);
      });
    });
  }

  /** Posts nobody took (should be none after a run). */
  leftOver(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.length;
    return n;
  }

  clear(): void {
    this.queues.clear();
  }
}

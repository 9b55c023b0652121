/**
 * Counts turns still running. A message turn answers Teams with 200 as soon as its input is stored and then sends
 * its replies, so the HTTP response no longer says the turn is over: shutdown and tests wait on `idle()` instead.
 */
export class InFlightTurns {
  private running = 0;
  private waiters: Array<() => void> = [];

  async track<T>(turn: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await turn();
    } finally {
      this.running -= 1;
      if (this.running === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  get pending(): number {
    return this.running;
  }

  /** Resolves once no turn is running, or after `timeoutMs` (resolves false then). */
  idle(timeoutMs = Infinity): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => resolve(false), timeoutMs) : undefined;
      timer?.unref();
      this.waiters.push(() => {
        if (timer) clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

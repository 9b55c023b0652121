/**
 * One clock for every thread and process on this machine (CLOCK_MONOTONIC, in ms). performance.now() has a
 * per-thread origin, so times taken in the fake-platform worker and in the load generator would not compare.
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves at `at` (monoMs), or on the next timer turn if that has passed. */
export const sleepUntil = (at: number) => sleep(Math.max(0, at - monoMs()));

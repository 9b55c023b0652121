import { percentile } from '../percentile.js';

/** What one load run collected (all times in ms). */
export interface LoadSamples {
  /** HTTP response time of every inbound request (the acknowledgement). */
  ack: number[];
  /** monoMs() when each ack arrived (same order as ack). */
  ackAt: number[];
  /** From sending an answer until the fake platform received the next question or the card. */
  next: number[];
  /** From sending the start command until the first question (or, for a bare app, its one post) arrived. */
  first: number[];
  completed: number;
  failures: string[];
  requests: number;
}

/** A run with nothing collected yet. */
export function emptyLoadSamples(): LoadSamples {
  return { ack: [], ackAt: [], next: [], first: [], completed: 0, failures: [], requests: 0 };
}

export interface Dist {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function dist(values: number[]): Dist {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
}

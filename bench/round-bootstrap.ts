import { nearestRankIndex, percentile } from './percentile.js';

/** What every bench prints its interval with, unless it asks for other figures. */
export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_CONFIDENCE = 0.9;

/** The middle `confidence` share of the resampled ratios. */
export interface RatioInterval {
  low: number;
  high: number;
  /** Share of resamples with a ratio at or under the target, when one is given. */
  shareAtOrUnder?: number;
}

/**
 * How far a pooled percentile ratio between two apps could move if the run were repeated, from the run's own rounds.
 *
 * On a shared machine the noise comes in rounds (one busy 10-second stretch holds many of the slowest acks), so
 * the resampling unit is the round, not the single ack: each resample draws, with replacement, as many round
 * indices as there were rounds, and pools both apps' samples from those same rounds (the rounds ran side by side,
 * so a noisy stretch stays paired).
 */
export function roundBootstrapRatio(
  rounds: { ours: number[][]; bare: number[][] },
  options: { percentile: number; resamples?: number; confidence?: number; target?: number; random?: () => number },
): RatioInterval {
  const count = rounds.ours.length;
  if (count === 0 || rounds.bare.length !== count)
    throw new Error('roundBootstrapRatio needs the same number of rounds, at least one, for both apps');
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const random = options.random ?? Math.random;
  // A pooled high percentile is the m-th largest of the pool, and the m largest of a pool are among the m largest of
  // each round in it: keeping only those per round makes each resample a sort of hundreds, not of the whole run.
  const longest = Math.max(...rounds.ours.map((r) => r.length), ...rounds.bare.map((r) => r.length));
  const keep = fromTop(count * longest, options.percentile);
  const tops = (list: number[][]) => list.map((r) => [...r].sort((a, b) => b - a).slice(0, keep));
  const oursTops = tops(rounds.ours);
  const bareTops = tops(rounds.bare);
  const pooled = (picks: number[], all: number[][], topsOf: number[][]) => {
    const size = picks.reduce((n, i) => n + (all[i] as number[]).length, 0);
    const values = picks.flatMap((i) => topsOf[i] as number[]).sort((a, b) => b - a);
    return values[fromTop(size, options.percentile) - 1] as number;
  };
  const ratios: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const picks = Array.from({ length: count }, () => Math.floor(random() * count));
    ratios.push(pooled(picks, rounds.ours, oursTops) / pooled(picks, rounds.bare, bareTops));
  }
  ratios.sort((a, b) => a - b);
  const tail = ((1 - confidence) / 2) * 100;
  const interval: RatioInterval = { low: percentile(ratios, tail), high: percentile(ratios, 100 - tail) };
  if (options.target !== undefined) interval.shareAtOrUnder = ratios.filter((x) => x <= (options.target as number)).length / ratios.length;
  return interval;
}

/** Which value from the top the nearest-rank percentile of `size` values is (1 = the largest), as percentile() ranks. */
function fromTop(size: number, p: number): number {
  return size - nearestRankIndex(size, p);
}

/** Index, in an ascending list of `size` values, of the nearest-rank percentile `p`. */
export function nearestRankIndex(size: number, p: number): number {
  return Math.min(size - 1, Math.max(0, Math.ceil((p / 100) * size) - 1));
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[nearestRankIndex(sorted.length, p)] as number;
}

import type { Model } from '../models.js';

/**
 * One model's rough monthly figures for the workload, from list prices. The basis is built only when a card or the
 * JSON needs it: the what-would-change search prices hundreds of variants and reads only the numbers.
 */
export interface ModelCost {
  model: Model;
  /** On demand; null when it cannot be priced (no volume given, or nothing on the platform fits). */
  monthlyUsd: number | null;
  /** With a 1-year commitment, where capacity runs around the clock (VMs and Kubernetes nodes). */
  committedMonthlyUsd: number | null;
  /** On spot / preemptible capacity, for interruptible jobs. */
  spotMonthlyUsd: number | null;
  /** What keeping instances warm for the latency target costs a month (provisioned concurrency, minimum instances). */
  warmMonthlyUsd?: number;
  /** How the figure was reached, in one line; or why there is none. */
  basis: () => string;
}

export function unpriced(model: Model, why: string): ModelCost {
  return { model, monthlyUsd: null, committedMonthlyUsd: null, spotMonthlyUsd: null, basis: () => why };
}

export const NO_VOLUME = 'no figure without a volume: answer requests per second or runs per day';

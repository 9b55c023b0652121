import { count, duration } from '../format.js';
import type { EdgePriceTable } from '../price-table.js';
import type { WorkloadDemand } from '../workload-demand.js';
import { NO_VOLUME, unpriced, type ModelCost } from './model-cost.js';

/** An edge platform's plan: a monthly base with included requests and CPU time, then per million of each. */
export function edgeCost(demand: WorkloadDemand, prices: EdgePriceTable, cpuShareOfDuration: number): ModelCost {
  const n = demand.invocationsPerMonth;
  if (n === undefined) return unpriced('wasm_edge', NO_VOLUME);
  const cpuMs = n * demand.sizingSeconds * 1000 * cpuShareOfDuration;
  return {
    model: 'wasm_edge',
    monthlyUsd:
      prices.monthlyBase +
      (Math.max(0, n - prices.includedRequests) / 1e6) * prices.perMillionRequests +
      (Math.max(0, cpuMs - prices.includedCpuMs) / 1e6) * prices.perMillionCpuMs,
    committedMonthlyUsd: null,
    spotMonthlyUsd: null,
    basis: () =>
      `${prices.service}: ${count(n)} requests × ${duration(demand.sizingSeconds)}, CPU time ${Math.round(cpuShareOfDuration * 100)}% of it, after what the plan includes`,
  };
}

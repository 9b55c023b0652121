import type { DecisionContent } from './decision-content.js';
import { MODEL_LABELS, type Model } from './models.js';
import type { BreakEven } from './recommendation.js';
import { atVolume, SECONDS_PER_DAY } from './workload-demand.js';
import { cheapestAlwaysOn, priceWorkload, type WorkloadAnalysis } from './workload-facts.js';

/** The break-even compares functions with the always-on options only: the edge figure is not needed. */
const PRICED: ReadonlySet<Model> = new Set(['vm', 'containers', 'serverless_containers', 'faas']);
const MIN_VOLUME = 1e2;
const MAX_VOLUME = 1e13;
const STEP = 8;
const BISECTIONS = 11;

/**
 * Where functions' monthly cost crosses the cheapest always-on option's (VMs, Kubernetes, always-running tasks),
 * walking volume with this workload's duration, memory and latency needs fixed. Null unless functions and at least
 * one always-on option can run the workload, or when the curves never cross in the range that matters.
 */
export function faasBreakEven(analysis: WorkloadAnalysis, content: DecisionContent, runnable: (model: Model) => boolean): BreakEven | null {
  const { demand, facts } = analysis;
  if (!runnable('faas')) return null;
  const serverlessAlwaysOn = content.prices.clouds[facts.cloud].serverlessContainers.billing === 'always_on';
  const options: Model[] = ['vm', 'containers', ...(serverlessAlwaysOn ? (['serverless_containers'] as const) : [])];
  if (!options.some(runnable)) return null;

  const gap = (volume: number) => {
    const costs = priceWorkload(atVolume(demand, volume), facts.cloud, content, analysis.pricing, PRICED);
    for (const model of options) if (!runnable(model)) costs[model] = { ...costs[model], monthlyUsd: null };
    const faas = costs.faas.monthlyUsd;
    const alwaysOn = cheapestAlwaysOn(costs, serverlessAlwaysOn);
    if (faas === null || alwaysOn === null) return null;
    return { diff: faas - alwaysOn.monthlyUsd, alwaysOn, costs };
  };

  // Functions are cheaper at low volume: find where they stop being so, starting from this workload's own volume
  // (the crossing is usually near it), then narrow it down.
  const start = Math.min(MAX_VOLUME, Math.max(MIN_VOLUME, demand.invocationsPerMonth ?? MIN_VOLUME));
  const atStart = gap(start);
  if (atStart === null) return null;
  let low: number;
  let high: number;
  if (atStart.diff < 0) {
    low = start;
    high = start;
    for (;;) {
      high = low * STEP;
      if (high > MAX_VOLUME) return null;
      const at = gap(high);
      if (at === null) return null;
      if (at.diff >= 0) break;
      low = high;
    }
  } else {
    high = start;
    low = start;
    for (;;) {
      low = high / STEP;
      if (low < MIN_VOLUME) {
        const first = gap(MIN_VOLUME);
        if (first === null || first.diff >= 0) return null;
        low = MIN_VOLUME;
        break;
      }
      const at = gap(low);
      if (at === null) return null;
      if (at.diff < 0) break;
      high = low;
    }
  }
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = Math.sqrt(low * high);
    const at = gap(mid);
    if (at !== null && at.diff < 0) low = mid;
    else high = mid;
  }
  const at = gap(high)!;
  const secondsPerMonth = demand.hoursPerMonth * 3600;
  const perSecond = high / secondsPerMonth;
  const unit = demand.shape === 'service' ? 'requests_per_second' : 'runs_per_day';
  const against = at.alwaysOn.model;
  return {
    unit,
    value: unit === 'requests_per_second' ? perSecond : perSecond * SECONDS_PER_DAY,
    requestsPerSecond: perSecond,
    currentVsBreakEven: demand.invocationsPerMonth === undefined ? null : demand.invocationsPerMonth / high,
    against,
    alwaysOnUnit: `${MODEL_LABELS[against]} (${at.costs[against].basis()})`,
    alwaysOnMonthlyUsd: at.alwaysOn.monthlyUsd,
  };
}

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
/** The crossing is found to within this share of the volume, in at most this many steps. */
const PRECISION = 1e-3;
const MAX_REFINEMENTS = 24;
/** Functions dearer by less than a cent a month: on the crossing. */
const CROSSED = 0.01;

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
  let low = start;
  let high = start;
  let lowGap = atStart.diff;
  let highGap = atStart.diff;
  if (atStart.diff < 0) {
    for (;;) {
      high = low * STEP;
      if (high > MAX_VOLUME) return null;
      const at = gap(high);
      if (at === null) return null;
      if (at.diff >= 0) {
        highGap = at.diff;
        break;
      }
      low = high;
      lowGap = at.diff;
    }
  } else {
    for (;;) {
      low = high / STEP;
      if (low < MIN_VOLUME) low = MIN_VOLUME;
      const at = gap(low);
      if (at === null) return null;
      if (at.diff < 0) {
        lowGap = at.diff;
        break;
      }
      if (low === MIN_VOLUME) return null;
      high = low;
      highGap = at.diff;
    }
  }
  // Functions' cost is close to linear in volume and the always-on one is a step: a regula falsi step lands on the
  // crossing in one or two evaluations. Where the crossing is a step (provisioned capacity added), interpolation
  // stalls, so a step that does not halve the bracket is followed by a bisection.
  let bisectNext = false;
  for (let i = 0; i < MAX_REFINEMENTS && high / low > 1 + PRECISION && highGap > CROSSED; i++) {
    const span = Math.log(high / low);
    const guess = bisectNext ? Math.sqrt(low * high) : Math.min(high, Math.max(low, low + ((high - low) * -lowGap) / (highGap - lowGap)));
    const at = gap(guess);
    if (at !== null && at.diff < 0) {
      low = guess;
      lowGap = at.diff;
    } else {
      high = guess;
      highGap = at === null ? 0 : at.diff;
    }
    bisectNext = !bisectNext && Math.log(high / low) > span / 2;
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

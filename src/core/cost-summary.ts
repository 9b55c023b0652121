import { CLOUD_LABELS } from './clouds.js';
import type { DecisionContent } from './decision-content.js';
import { capitalise, latestRead, lowerFirst } from './explain.js';
import { count, duration, megabytes, trim, usd } from './format.js';
import { MODEL_LABELS, MODELS, type Model } from './models.js';
import type { ProfileField } from './profile.js';
import type { AppliedDefault, BreakEven, CostEstimate } from './recommendation.js';
import type { WorkloadAnalysis } from './workload-facts.js';

/** One entry per model; a model a hard fact rules out gets no figure, only the reason. */
export function costEstimates(
  analysis: WorkloadAnalysis,
  notRunnable: (model: Model) => string | undefined,
  ruledOutByTable: (model: Model) => string | undefined,
): CostEstimate[] {
  return MODELS.map((model) => {
    const cost = analysis.costs[model];
    const why = notRunnable(model);
    const table = ruledOutByTable(model);
    const basis = table
      ? `if built anyway (the decision framework table rules it out: ${lowerFirst(table)}), ${cost.basis()}`
      : cost.basis();
    const estimate: CostEstimate = { model, cloud: analysis.facts.cloud, monthlyUsd: null, committedMonthlyUsd: null, basis };
    if (why !== undefined) {
      estimate.notRunnable = why;
      estimate.basis = why;
      return estimate;
    }
    estimate.monthlyUsd = cost.monthlyUsd;
    estimate.committedMonthlyUsd = cost.committedMonthlyUsd;
    if (cost.spotMonthlyUsd !== null) estimate.spotMonthlyUsd = cost.spotMonthlyUsd;
    return estimate;
  });
}

/** "about $1,234/month ($800 with a 1-year commitment)" */
export function figureText(estimate: CostEstimate): string {
  if (estimate.monthlyUsd === null) return estimate.notRunnable ? 'cannot run it' : 'no figure';
  const extras: string[] = [];
  if (estimate.committedMonthlyUsd !== null) extras.push(`${usd(estimate.committedMonthlyUsd)} with a 1-year commitment`);
  if (estimate.spotMonthlyUsd !== undefined) extras.push(`${usd(estimate.spotMonthlyUsd)} on spot capacity`);
  const figure = usd(estimate.monthlyUsd) === '$0' ? '$0/month' : `about ${usd(estimate.monthlyUsd)}/month`;
  return `${figure}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`;
}

export function breakEvenText(breakEven: BreakEven, analysis: WorkloadAnalysis): string {
  const { demand } = analysis;
  const at =
    breakEven.unit === 'requests_per_second' ? `${trim(breakEven.value)} requests/s on average` : `${count(breakEven.value)} runs a day`;
  const memory = megabytes(demand.memoryGb * 1024);
  let now = '';
  if (breakEven.currentVsBreakEven !== null) {
    const where = breakEven.currentVsBreakEven >= 1 ? 'above' : 'below';
    const current =
      breakEven.unit === 'requests_per_second'
        ? `${trim((demand.invocationsPerMonth ?? 0) / (demand.hoursPerMonth * 3600))} requests/s`
        : `${count(((demand.invocationsPerMonth ?? 0) / (demand.hoursPerMonth * 3600)) * 86_400)} runs a day`;
    now = ` This workload, at ${current}, is ${where} it.`;
  }
  return `Break-even: above about ${at}, ${MODEL_LABELS[breakEven.against]} cost less than functions at ${memory} and ${duration(demand.sizingSeconds)} each (both about ${usd(breakEven.alwaysOnMonthlyUsd)}/month there).${now}`;
}

/**
 * The assumptions line: cloud, region, price date and the sizing actually used, naming only the defaults that
 * stood in for answers. Prices on the card are as good as this line.
 */
export function assumptionsText(analysis: WorkloadAnalysis, content: DecisionContent, defaulted: ReadonlySet<ProfileField>): string {
  const { facts, demand } = analysis;
  const table = content.prices.clouds[facts.cloud];
  const parts: string[] = [];
  const cloudLens = content.lenses?.defaultedBy.cloud;
  const cloudNote = defaulted.has('cloud')
    ? cloudLens
      ? ` (no cloud was named; ${CLOUD_LABELS[facts.cloud]} is the default of lens ${cloudLens})`
      : ' (no cloud was named; AWS is the default)'
    : '';
  parts.push(
    `${CLOUD_LABELS[facts.cloud]} ${table.region} and ${content.prices.edge.service} list prices read ${latestRead(content, facts.cloud)}${cloudNote}`,
  );
  const changedBy = content.lenses?.priceChangedBy[facts.cloud];
  if (changedBy) parts.push(`prices changed by lens ${changedBy.join(' and lens ')} (discounts or its own price entries)`);
  if (demand.invocationsPerMonth !== undefined) {
    const sizing: string[] = [];
    if (demand.memoryAssumed) sizing.push(`${megabytes(demand.memoryGb * 1024)} per instance (memory not answered)`);
    sizing.push(demand.shape === 'service' ? `${trim(demand.perVcpuConcurrency)} requests in flight per vCPU` : 'one vCPU per run');
    if (demand.peakFactorAssumed && demand.peakFactor !== 1)
      sizing.push(`peaks ${trim(demand.peakFactor)}× the average (the default for ${facts.traffic} traffic)`);
    sizing.push(`${Math.round((content.assumptions.autoscaleHeadroom - 1) * 100)}% autoscaling headroom`);
    if (demand.durationReadAsLifetime) sizing.push(`one message or query sized at ${duration(demand.sizingSeconds)}`);
    if (!demand.existingCluster && defaulted.has('existingCluster')) sizing.push('a new Kubernetes cluster');
    parts.push(`sized with ${sizing.join(', ')}`);
  }
  parts.push('on-demand prices unless a commitment or spot figure is given; rough figures to compare models, not a quote');
  return `Assumptions: ${parts.join('; ')}.`;
}

/** The cost section as lines, in ranking order: a figure per model, the break-even, the assumptions. */
export function costCaveatLines(
  estimates: CostEstimate[],
  order: readonly Model[],
  breakEven: string | null,
  assumptions: string,
  hasVolume: boolean,
): string[] {
  const lines: string[] = [];
  if (!hasVolume) {
    lines.push('No volume was given, so there are no monthly figures: answer requests per second or runs per day to get them.');
  } else {
    for (const model of order) {
      const estimate = estimates.find((e) => e.model === model)!;
      lines.push(
        estimate.notRunnable
          ? `${capitalise(MODEL_LABELS[model])}: no figure, it cannot run this workload.`
          : `${capitalise(MODEL_LABELS[model])}: ${figureText(estimate)}; ${estimate.basis}.`,
      );
    }
  }
  if (breakEven) lines.push(breakEven);
  lines.push(assumptions);
  return lines;
}

/** The defaults that stood in for answers: the profile's own, and what the cost model assumed. */
export function appliedDefaults(
  analysis: WorkloadAnalysis,
  content: DecisionContent,
  defaulted: ReadonlySet<ProfileField>,
): AppliedDefault[] {
  const { facts, demand } = analysis;
  const out: AppliedDefault[] = [];
  for (const field of defaulted) {
    const lens = content.lenses?.defaultedBy[field];
    out.push({ field, value: facts[field], note: lens ? `not answered: the default of lens ${lens}` : 'not answered: the default' });
  }
  if (demand.memoryAssumed)
    out.push({ field: 'memoryMb', value: demand.memoryGb * 1024, note: 'not answered: the cost figures assume it' });
  if (demand.peakFactorAssumed)
    out.push({ field: 'peakToBaseline', value: demand.peakFactor, note: `not answered: the default for ${facts.traffic} traffic` });
  if (facts.runtime === undefined && facts.latencyTargetMs !== undefined)
    out.push({ field: 'runtime', value: 'other', note: 'not answered: cold starts of a typical runtime assumed' });
  return out;
}

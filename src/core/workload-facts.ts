import { containerCost } from './costs/container-cost.js';
import { edgeCost } from './costs/edge-cost.js';
import { faasCost, type WarmStrategy } from './costs/faas-cost.js';
import { unpriced, type ModelCost } from './costs/model-cost.js';
import { serverlessContainerCost } from './costs/serverless-container-cost.js';
import { vmCost } from './costs/vm-cost.js';
import type { DecisionContent, Discount } from './decision-content.js';
import type { Cloud } from './clouds.js';
import type { Model } from './models.js';
import { CUSTOM_FACT_PREFIX, type WorkloadProfile } from './profile.js';
import { workloadDemand, type WorkloadDemand } from './workload-demand.js';

/**
 * Numbers and flags derived from a profile and the chosen cloud's platform facts and prices. Rules read these next to
 * the profile fields (rules/rules.yaml); every name here may appear in a rule's `when` or in a score curve.
 * A fact that cannot be known (no volume, no latency target, no memory answer) is absent, so no rule fires on a guess.
 */
export interface DerivedFacts {
  requestDriven: boolean;
  /** Callers wait on a synchronous HTTP response. */
  httpSync: boolean;
  /** Runs continuously whatever the traffic (a database, a stream consumer). */
  alwaysOn: boolean;
  peakFactor: number;
  monthlyInvocations?: number;
  avgConcurrency?: number;
  peakConcurrency?: number;

  /** One run against the chosen cloud's function time limit for this trigger (HTTP or not); 0 when it has none. */
  faasDurationShareOfLimit: number;
  faasMemoryShareOfLimit?: number;
  /** A synchronous request against the usual gateway's timeout (API Gateway on AWS); 0 where none applies. */
  faasGatewayTimeoutShare: number;
  faasGpu: boolean;
  serverlessContainersDurationShareOfLimit: number;
  serverlessContainersMemoryShareOfLimit?: number;
  serverlessContainersGpu: boolean;
  serverlessContainersWindows: boolean;
  serverlessContainersScaleToZero: boolean;
  edgeMemoryShareOfLimit?: number;
  /** A scheduled or queued run against the edge platform's wall-clock limit; 0 for requests (a client holds those open). */
  edgeJobShareOfLimit: number;

  /** The runtime's function cold start (high end of the p50 range). */
  faasColdStartMs: number;
  /** The p99 target left after the request itself: the room a cold start has. */
  latencyBudgetMs?: number;
  faasColdStartShareOfBudget?: number;
  /** A scale-to-zero serverless container's start against the budget; absent where instances do not scale to zero. */
  serverlessColdStartShareOfBudget?: number;
  faasWarm: WarmStrategy;
}

/**
 * Facts known only after the first pass of the rules has said which models can run: each model's figure against the
 * cheapest model that fits (good or better, else any that can run), and functions' against the cheapest always-on one.
 */
export interface CostFacts {
  vmCostVsCheapest?: number;
  containersCostVsCheapest?: number;
  serverlessContainersCostVsCheapest?: number;
  faasCostVsCheapest?: number;
  wasmEdgeCostVsCheapest?: number;
  /** Functions' monthly figure over the cheapest always-on option's (VMs, Kubernetes, always-running tasks). */
  faasCostVsAlwaysOn?: number;
  /** The model the ratios are against. */
  cheapestModel?: Model;
  alwaysOnModel?: Model;
}

export const COST_FACT_FOR: Record<Model, keyof CostFacts> = {
  vm: 'vmCostVsCheapest',
  containers: 'containersCostVsCheapest',
  serverless_containers: 'serverlessContainersCostVsCheapest',
  faas: 'faasCostVsCheapest',
  wasm_edge: 'wasmEdgeCostVsCheapest',
};
export const COST_FACT_NAMES: ReadonlySet<string> = new Set([...Object.values(COST_FACT_FOR), 'faasCostVsAlwaysOn']);

/** Every cost fact, absent: one shape for every result (absent facts are undefined), so the rules read them quickly. */
function noCostFacts(): CostFacts {
  return {
    vmCostVsCheapest: undefined,
    containersCostVsCheapest: undefined,
    serverlessContainersCostVsCheapest: undefined,
    faasCostVsCheapest: undefined,
    wasmEdgeCostVsCheapest: undefined,
    faasCostVsAlwaysOn: undefined,
    cheapestModel: undefined,
    alwaysOnModel: undefined,
  };
}

/** The cost facts, given which models the first pass left able to run and which it found a good fit. */
export function costFacts(
  analysis: WorkloadAnalysis,
  content: DecisionContent,
  runnable: (m: Model) => boolean,
  fits: (m: Model) => boolean,
): CostFacts {
  const { costs } = analysis;
  const figure = (m: Model) => (runnable(m) ? costs[m].monthlyUsd : null);
  const cheapestOf = (models: readonly Model[], only?: (m: Model) => boolean) => {
    let best: Model | undefined;
    let bestCost = Infinity;
    for (const m of models) {
      if (only && !only(m)) continue;
      const cost = figure(m);
      if (cost !== null && cost < bestCost) {
        best = m;
        bestCost = cost;
      }
    }
    return best;
  };
  const out = noCostFacts();
  const cheapest = cheapestOf(ALL_MODELS, fits) ?? cheapestOf(ALL_MODELS);
  const reference = cheapest === undefined ? null : figure(cheapest);
  if (cheapest !== undefined && reference !== null && reference > 0) {
    out.cheapestModel = cheapest;
    const ratio = (m: Model) => {
      const cost = figure(m);
      return cost === null ? undefined : cost / reference;
    };
    out.vmCostVsCheapest = ratio('vm');
    out.containersCostVsCheapest = ratio('containers');
    out.serverlessContainersCostVsCheapest = ratio('serverless_containers');
    out.faasCostVsCheapest = ratio('faas');
    out.wasmEdgeCostVsCheapest = ratio('wasm_edge');
  }
  const serverlessAlwaysOn = content.prices.clouds[analysis.facts.cloud].serverlessContainers.billing === 'always_on';
  const alwaysOn = cheapestOf(serverlessAlwaysOn ? ALWAYS_ON_WITH_TASKS : ALWAYS_ON);
  const faas = figure('faas');
  const alwaysOnCost = alwaysOn === undefined ? null : figure(alwaysOn);
  if (alwaysOn !== undefined && faas !== null && alwaysOnCost !== null && alwaysOnCost > 0) {
    out.faasCostVsAlwaysOn = faas / alwaysOnCost;
    out.alwaysOnModel = alwaysOn;
  }
  return out;
}

const ALL_MODELS: readonly Model[] = ['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'];
const ALWAYS_ON: readonly Model[] = ['vm', 'containers'];
const ALWAYS_ON_WITH_TASKS: readonly Model[] = ['vm', 'containers', 'serverless_containers'];

/** The profile, the derived facts and (after the first pass of the rules) the cost facts, in one object. */
export type WorkloadFacts = WorkloadProfile & DerivedFacts & CostFacts;

export const DERIVED_FACT_NAMES: ReadonlyArray<keyof DerivedFacts> = [
  'requestDriven',
  'httpSync',
  'alwaysOn',
  'peakFactor',
  'monthlyInvocations',
  'avgConcurrency',
  'peakConcurrency',
  'faasDurationShareOfLimit',
  'faasMemoryShareOfLimit',
  'faasGatewayTimeoutShare',
  'faasGpu',
  'serverlessContainersDurationShareOfLimit',
  'serverlessContainersMemoryShareOfLimit',
  'serverlessContainersGpu',
  'serverlessContainersWindows',
  'serverlessContainersScaleToZero',
  'edgeMemoryShareOfLimit',
  'edgeJobShareOfLimit',
  'faasColdStartMs',
  'latencyBudgetMs',
  'faasColdStartShareOfBudget',
  'serverlessColdStartShareOfBudget',
  'faasWarm',
];

/**
 * The profile fields each derived fact is computed from. The interview uses a rule only once these are answered, and
 * the what-would-change search re-runs only the rules whose facts read a changed answer; a property test checks the
 * search's shortcut against full evaluations, so a missing input here fails it.
 */
const SHAPE: ReadonlyArray<keyof WorkloadProfile> = ['kind', 'avgRequestsPerSecond', 'runsPerDay'];
export const DERIVED_FACT_INPUTS: Readonly<Record<keyof DerivedFacts, readonly (keyof WorkloadProfile)[]>> = {
  requestDriven: SHAPE,
  httpSync: ['kind'],
  alwaysOn: ['kind'],
  peakFactor: ['traffic', 'peakToBaseline'],
  monthlyInvocations: SHAPE,
  avgConcurrency: [...SHAPE, 'durationSeconds'],
  peakConcurrency: [...SHAPE, 'durationSeconds', 'traffic', 'peakToBaseline'],
  faasDurationShareOfLimit: ['kind', 'durationSeconds', 'cloud'],
  faasMemoryShareOfLimit: ['memoryMb', 'cloud'],
  faasGatewayTimeoutShare: ['kind', 'durationSeconds', 'cloud'],
  faasGpu: ['cloud'],
  serverlessContainersDurationShareOfLimit: [...SHAPE, 'durationSeconds', 'cloud'],
  serverlessContainersMemoryShareOfLimit: ['memoryMb', 'hardware', 'cloud'],
  serverlessContainersGpu: ['cloud'],
  serverlessContainersWindows: ['cloud'],
  serverlessContainersScaleToZero: ['cloud'],
  edgeMemoryShareOfLimit: ['memoryMb'],
  edgeJobShareOfLimit: [...SHAPE, 'durationSeconds'],
  faasColdStartMs: ['runtime'],
  latencyBudgetMs: ['latencyTargetMs', 'durationSeconds'],
  faasColdStartShareOfBudget: ['latencyTargetMs', 'durationSeconds', 'runtime'],
  serverlessColdStartShareOfBudget: ['latencyTargetMs', 'durationSeconds', 'cloud'],
  faasWarm: ['latencyTargetMs', 'durationSeconds', 'runtime', 'cloud'],
};

/** The facts, the demand they were read from, and each model's cost: one pass per profile, shared by every consumer. */
export interface WorkloadAnalysis {
  facts: WorkloadFacts;
  demand: WorkloadDemand;
  costs: Record<Model, ModelCost>;
  pricing: PricingOptions;
}

const mid = (range: readonly [number, number]) => (range[0] + range[1]) / 2;

export function analyseWorkload(profile: WorkloadProfile, content: DecisionContent): WorkloadAnalysis {
  const { platforms, assumptions } = content;
  const prices = content.prices.clouds[profile.cloud];
  const cloud = platforms.clouds[profile.cloud];
  const start = platforms.startTimes;
  const demand = workloadDemand(profile, assumptions, prices.hoursPerMonth);
  const requestDriven = demand.shape === 'service';

  const faasLimit = demand.httpSync ? cloud.faas.maxHttpSeconds : cloud.faas.maxDurationSeconds;
  const gatewayTimeout = demand.httpSync ? cloud.faas.gatewayTimeoutSeconds : undefined;
  const scLimit =
    demand.shape === 'service'
      ? demand.alwaysOn
        ? null
        : cloud.serverless_containers.maxRequestSeconds
      : cloud.serverless_containers.maxJobSeconds;
  const scMemoryLimitMb = demand.gpu
    ? (cloud.serverless_containers.gpuMaxMemoryMb ?? cloud.serverless_containers.maxMemoryMb)
    : cloud.serverless_containers.maxMemoryMb;
  const coldStartMs = (start.faasColdStartMs[profile.runtime ?? 'other'] ?? start.faasColdStartMs.other)[1];

  // Every fact in one fixed order, unknown ones undefined: a single object shape makes the rules' lookups fast.
  const facts: WorkloadFacts = {
    name: profile.name,
    kind: profile.kind,
    state: profile.state,
    traffic: profile.traffic,
    peakToBaseline: profile.peakToBaseline,
    avgRequestsPerSecond: profile.avgRequestsPerSecond,
    runsPerDay: profile.runsPerDay,
    durationSeconds: profile.durationSeconds,
    latencyTargetMs: profile.latencyTargetMs,
    memoryMb: profile.memoryMb,
    os: profile.os,
    hardware: profile.hardware,
    isolation: profile.isolation,
    runtime: profile.runtime,
    containerSkills: profile.containerSkills,
    portability: profile.portability,
    edge: profile.edge,
    cloud: profile.cloud,
    interruptible: profile.interruptible,
    existingCluster: profile.existingCluster,
    requestDriven,
    httpSync: demand.httpSync,
    alwaysOn: demand.alwaysOn,
    peakFactor: demand.peakFactor,
    faasDurationShareOfLimit: faasLimit === null ? 0 : profile.durationSeconds / faasLimit,
    faasGatewayTimeoutShare: gatewayTimeout === undefined ? 0 : profile.durationSeconds / gatewayTimeout,
    faasGpu: cloud.faas.gpu,
    serverlessContainersDurationShareOfLimit: scLimit === null ? 0 : profile.durationSeconds / scLimit,
    serverlessContainersGpu: cloud.serverless_containers.gpu,
    serverlessContainersWindows: cloud.serverless_containers.windows,
    serverlessContainersScaleToZero: cloud.serverless_containers.scaleToZero,
    edgeJobShareOfLimit: requestDriven ? 0 : profile.durationSeconds / platforms.edge.maxJobWallSeconds,
    faasColdStartMs: coldStartMs,
    latencyBudgetMs: undefined,
    faasColdStartShareOfBudget: undefined,
    serverlessColdStartShareOfBudget: undefined,
    faasWarm: 'none',
    monthlyInvocations: demand.invocationsPerMonth,
    avgConcurrency: demand.avgConcurrency,
    peakConcurrency: demand.peakConcurrency,
    faasMemoryShareOfLimit: undefined,
    serverlessContainersMemoryShareOfLimit: undefined,
    edgeMemoryShareOfLimit: undefined,
    ...noCostFacts(),
  };
  // Answers to lens questions, by their fact names (custom.<id>); absent unless a lens asked something.
  if (profile.custom)
    for (const [id, value] of Object.entries(profile.custom))
      (facts as unknown as Record<string, unknown>)[`${CUSTOM_FACT_PREFIX}${id}`] = value;
  if (profile.memoryMb !== undefined) {
    facts.faasMemoryShareOfLimit = profile.memoryMb / cloud.faas.maxMemoryMb;
    facts.serverlessContainersMemoryShareOfLimit = profile.memoryMb / scMemoryLimitMb;
    facts.edgeMemoryShareOfLimit = profile.memoryMb / platforms.edge.maxMemoryMb;
  }
  let keepServerlessWarm = false;
  if (profile.latencyTargetMs !== undefined) {
    // A cold start has whatever the target leaves after the request itself; at least 1 ms, so the share stays finite.
    const budget = Math.max(1, profile.latencyTargetMs - profile.durationSeconds * 1000);
    facts.latencyBudgetMs = budget;
    facts.faasColdStartShareOfBudget = coldStartMs / budget;
    if (coldStartMs > budget) {
      const snapshot =
        profile.runtime !== undefined &&
        cloud.faas.snapshotRuntimes.includes(profile.runtime) &&
        start.faasSnapshotColdStartMs[1] <= budget;
      facts.faasWarm = snapshot ? 'snapshot' : 'provisioned';
    }
    if (cloud.serverless_containers.scaleToZero) {
      facts.serverlessColdStartShareOfBudget = start.serverlessContainerColdStartMs[1] / budget;
      keepServerlessWarm = start.serverlessContainerColdStartMs[1] > budget;
    }
  }

  const pricing: PricingOptions = {
    faasWarm: facts.faasWarm,
    keepServerlessWarm,
    // The runtime's own cold start, whatever mitigates it: a snapshot's restore is billed too where it is billed at all.
    faasInitSeconds: coldStartMs / 1000,
  };
  const costs = priceWorkload(demand, profile.cloud, content, pricing);
  return { facts, demand, costs, pricing };
}

/** The latency-driven choices that change what a model costs, fixed once per profile. */
export interface PricingOptions {
  faasWarm: WarmStrategy;
  keepServerlessWarm: boolean;
  faasInitSeconds: number;
}

/** Every model's cost for one demand on one cloud: the break-even search calls this at other volumes. */
export function priceWorkload(
  demand: WorkloadDemand,
  cloudId: Cloud,
  content: DecisionContent,
  options: PricingOptions,
  only?: ReadonlySet<Model>,
): Record<Model, ModelCost> {
  const { platforms, assumptions } = content;
  const prices = content.prices.clouds[cloudId];
  const start = platforms.startTimes;
  const wanted = (model: Model) => only === undefined || only.has(model);
  const costs: Record<Model, ModelCost> = {
    vm: wanted('vm') ? vmCost(demand, prices, mid(start.vmBootSeconds)) : SKIPPED.vm,
    containers: wanted('containers')
      ? containerCost(demand, prices, mid(start.containerStartSeconds), assumptions.autoscaleHeadroom)
      : SKIPPED.containers,
    serverless_containers: wanted('serverless_containers')
      ? serverlessContainerCost(demand, prices, platforms.clouds[cloudId].serverless_containers, {
          headroom: assumptions.autoscaleHeadroom,
          startSeconds: mid(start.serverlessContainerColdStartMs) / 1000,
          keepWarm: options.keepServerlessWarm,
        })
      : SKIPPED.serverless_containers,
    faas: wanted('faas')
      ? faasCost(demand, prices, {
          warm: options.faasWarm,
          initSeconds: options.faasInitSeconds,
          coldStartShare: assumptions.coldStartShareOfInvocations,
        })
      : SKIPPED.faas,
    wasm_edge: wanted('wasm_edge') ? edgeCost(demand, content.prices.edge, assumptions.edgeCpuShareOfDuration) : SKIPPED.wasm_edge,
  };
  const discounts = content.lenses?.discounts[cloudId];
  if (discounts)
    for (const [model, discount] of Object.entries(discounts)) costs[model as Model] = discounted(costs[model as Model], discount);
  return costs;
}

/** An organisation's discount off a model's list figures (a lens's prices.discounts), named in the sizing line. */
function discounted(cost: ModelCost, discount: Discount): ModelCost {
  if (cost.monthlyUsd === null) return cost;
  const factor = 1 - discount.share;
  const scale = (value: number | null) => (value === null ? null : value * factor);
  const out: ModelCost = {
    model: cost.model,
    monthlyUsd: scale(cost.monthlyUsd),
    committedMonthlyUsd: scale(cost.committedMonthlyUsd),
    spotMonthlyUsd: scale(cost.spotMonthlyUsd),
    basis: () => `${cost.basis()}, less ${Math.round(discount.share * 100)}% (lens ${discount.lens})`,
  };
  if (cost.warmMonthlyUsd !== undefined) out.warmMonthlyUsd = cost.warmMonthlyUsd * factor;
  return out;
}

const SKIPPED = Object.fromEntries(
  (['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'] as const).map((model) => [model, unpriced(model, 'not priced here')]),
) as Record<Model, ModelCost>;

/** The cheapest priced option that keeps capacity running around the clock: VMs, Kubernetes, always-on tasks. */
export function cheapestAlwaysOn(
  costs: Record<Model, ModelCost>,
  serverlessIsAlwaysOn: boolean,
): { model: Model; monthlyUsd: number } | null {
  let best: { model: Model; monthlyUsd: number } | null = null;
  const options: Model[] = serverlessIsAlwaysOn ? ['vm', 'containers', 'serverless_containers'] : ['vm', 'containers'];
  for (const model of options) {
    const monthly = costs[model].monthlyUsd;
    if (monthly !== null && (best === null || monthly < best.monthlyUsd)) best = { model, monthlyUsd: monthly };
  }
  return best;
}

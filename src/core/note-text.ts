import { CLOUD_LABELS } from './clouds.js';
import type { DecisionContent } from './decision-content.js';
import { duration, megabytes, ratio, usd } from './format.js';
import { MODEL_LABELS } from './models.js';
import { RUNTIME_LABELS } from './profile.js';
import type { CostFacts, WorkloadAnalysis } from './workload-facts.js';

/** The {placeholders} a rule's note may use; each is filled in for the profile's cloud. */
export const NOTE_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'cloud',
  'faasService',
  'faasDurationLimit',
  'faasMemoryLimit',
  'gatewayService',
  'gatewayTimeout',
  'serverlessService',
  'serverlessDurationLimit',
  'serverlessMemoryLimit',
  'serverlessGpu',
  'edgeService',
  'edgeMemoryLimit',
  'edgeJobLimit',
  'coldStart',
  'runtime',
  'budget',
  'warmName',
  'faasWarmCost',
  'serverlessWarmCost',
  'costRatio',
  'alwaysOnOption',
  'vmCostRatio',
  'containersCostRatio',
  'serverlessCostRatio',
  'faasCheapestRatio',
  'edgeCostRatio',
  'cheapestOption',
]);

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** The values for every placeholder, for one analysed workload. */
export function noteValues(analysis: WorkloadAnalysis, content: DecisionContent, late: CostFacts): Record<string, string> {
  const { facts, demand, costs } = analysis;
  const cloud = content.platforms.clouds[facts.cloud];
  const edge = content.platforms.edge;
  const prices = content.prices.clouds[facts.cloud];
  const faasLimit = demand.httpSync ? cloud.faas.maxHttpSeconds : cloud.faas.maxDurationSeconds;
  const scLimit = demand.shape === 'service' ? cloud.serverless_containers.maxRequestSeconds : cloud.serverless_containers.maxJobSeconds;
  const scMemory = demand.gpu
    ? (cloud.serverless_containers.gpuMaxMemoryMb ?? cloud.serverless_containers.maxMemoryMb)
    : cloud.serverless_containers.maxMemoryMb;
  const coldStart = content.platforms.startTimes.faasColdStartMs[facts.runtime ?? 'other'];
  const times = (x: number | undefined) => (x === undefined ? 'more than' : ratio(x));
  return {
    cloud: CLOUD_LABELS[facts.cloud],
    faasService: cloud.faas.service,
    faasDurationLimit: faasLimit === null ? 'no' : duration(faasLimit),
    faasMemoryLimit: megabytes(cloud.faas.maxMemoryMb),
    gatewayService: cloud.faas.gatewayService ?? 'the API gateway',
    gatewayTimeout: cloud.faas.gatewayTimeoutSeconds === undefined ? 'no' : duration(cloud.faas.gatewayTimeoutSeconds),
    serverlessService: cloud.serverless_containers.service,
    serverlessDurationLimit: scLimit === null ? 'no' : duration(scLimit),
    serverlessMemoryLimit: megabytes(scMemory),
    serverlessGpu: prices.serverlessContainers.gpu?.model ?? 'none',
    edgeService: edge.service,
    edgeMemoryLimit: megabytes(edge.maxMemoryMb),
    edgeJobLimit: duration(edge.maxJobWallSeconds),
    coldStart: coldStart ? duration(coldStart[1] / 1000) : 'a second or more',
    runtime: facts.runtime === undefined || facts.runtime === 'other' ? 'an unnamed runtime' : RUNTIME_LABELS[facts.runtime],
    budget: budgetText(facts),
    warmName: prices.faas.warm.name.toLowerCase(),
    faasWarmCost:
      costs.faas.warmMonthlyUsd === undefined ? 'billed while idle' : `about ${usd(costs.faas.warmMonthlyUsd)}/month, billed while idle`,
    serverlessWarmCost:
      costs.serverless_containers.warmMonthlyUsd === undefined
        ? 'billed while idle'
        : `about ${usd(costs.serverless_containers.warmMonthlyUsd)}/month at the idle rate`,
    costRatio: times(late.faasCostVsAlwaysOn),
    alwaysOnOption: late.alwaysOnModel ? MODEL_LABELS[late.alwaysOnModel] : 'always-on capacity',
    vmCostRatio: times(late.vmCostVsCheapest),
    containersCostRatio: times(late.containersCostVsCheapest),
    serverlessCostRatio: times(late.serverlessContainersCostVsCheapest),
    faasCheapestRatio: times(late.faasCostVsCheapest),
    edgeCostRatio: times(late.wasmEdgeCostVsCheapest),
    cheapestOption: late.cheapestModel ? MODEL_LABELS[late.cheapestModel] : 'the cheapest option',
  };
}

/** "150 ms left after the request", or "nothing left" when the request alone takes the whole target. */
function budgetText(facts: WorkloadAnalysis['facts']): string {
  if (facts.latencyBudgetMs === undefined || facts.latencyTargetMs === undefined) return 'no target given';
  if (facts.latencyTargetMs <= facts.durationSeconds * 1000) return 'nothing left after the request itself';
  return `${duration(facts.latencyBudgetMs / 1000)} left after the request`;
}

export function fillNote(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

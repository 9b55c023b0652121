import type { DecisionContent } from './decision-content.js';
import { duration, megabytes, usd } from './format.js';
import type { Model } from './models.js';
import { billedMemoryMb } from './costs/faas-cost.js';
import type { WorkloadAnalysis } from './workload-facts.js';

/** Kinds whose callers wait for the answer: a cold start shows as latency even without a stated target. */
const USER_FACING = new Set(['api', 'web_app', 'ml_inference']);

/**
 * Cold-start mitigations, only where a cold start can happen on one of the top two models (functions, or serverless
 * containers that scale to zero; never edge isolates) and where it matters (a latency target, or callers waiting).
 * Tailored to the runtime, the latency target and the traffic, each with what it costs.
 */
export function coldStartAdvice(analysis: WorkloadAnalysis, content: DecisionContent, topTwo: readonly Model[]): string[] {
  const { facts, demand, costs } = analysis;
  const cloud = content.platforms.clouds[facts.cloud];
  const prices = content.prices.clouds[facts.cloud];
  const start = content.platforms.startTimes;
  const faasOnTop = topTwo.includes('faas');
  const serverlessOnTop = topTwo.includes('serverless_containers') && cloud.serverless_containers.scaleToZero;
  const matters = facts.latencyTargetMs !== undefined || USER_FACING.has(facts.kind);
  if (!matters || (!faasOnTop && !serverlessOnTop)) return [];

  const advice: string[] = [];
  if (faasOnTop) {
    const coldMs = start.faasColdStartMs[facts.runtime ?? 'other'] ?? start.faasColdStartMs.other;
    const snapshot = facts.runtime !== undefined && cloud.faas.snapshotRuntimes.includes(facts.runtime);
    const warmName = prices.faas.warm.name;
    const memoryMb = billedMemoryMb(prices.faas, demand.memoryGb * 1024) ?? demand.memoryGb * 1024;
    const instances = Math.max(1, Math.ceil((demand.peakConcurrency ?? 1) - 1e-9));
    const warmCost = costs.faas.warmMonthlyUsd;
    const warmLine = `Keep ${instances} instance${instances > 1 ? 's' : ''} warm with ${warmName.toLowerCase()}, sized for the peak concurrency at ${megabytes(memoryMb)}: no cold starts up to that level${warmCost !== undefined ? `, about ${usd(warmCost)}/month, billed while idle` : ', billed while idle'}.`;

    advice.push(runtimeAdvice(facts.runtime, coldMs, snapshot, start.faasSnapshotColdStartMs[1], cloud.faas.service));
    if (facts.faasWarm === 'provisioned') {
      advice.push(
        snapshot
          ? `${warmLine} Use it or SnapStart, not both: the two cannot be combined, and SnapStart alone does not meet this target.`
          : warmLine,
      );
    } else if (facts.faasWarm === 'snapshot') {
      advice.push(
        `SnapStart brings cold starts to about ${duration(start.faasSnapshotColdStartMs[1] / 1000)}, within the target: no ${warmName.toLowerCase()} needed (the two cannot be combined).`,
      );
    } else if (facts.latencyBudgetMs !== undefined) {
      advice.push(
        `Cold starts of up to ${duration(coldMs[1] / 1000)} fit within the ${duration(facts.latencyBudgetMs / 1000)} the target leaves: no warm instances needed; watch p99 after deploys and bursts.`,
      );
    }
    if (facts.traffic === 'sporadic' && facts.faasWarm === 'none') {
      advice.push(
        'Keep-warm pings every few minutes warm only one instance: concurrent requests still start cold, and the pinger is one more thing to run.',
      );
    }
  }
  if (serverlessOnTop) {
    const service = cloud.serverless_containers.service;
    const warm = costs.serverless_containers.warmMonthlyUsd;
    // A GPU instance bills at the full rate for its whole life: there is no cheaper idle rate for it.
    const rate = demand.gpu ? 'at the full rate, as GPU instances bill' : 'at the idle rate';
    const cost = warm !== undefined ? `about ${usd(warm)}/month ${rate}` : 'billed while idle';
    const startRange = start.serverlessContainerColdStartMs;
    advice.push(
      facts.serverlessColdStartShareOfBudget !== undefined && facts.serverlessColdStartShareOfBudget > 1
        ? `${service}: keep minimum instances for the average load warm; starts from zero take ${duration(startRange[0] / 1000)} to ${duration(startRange[1] / 1000)} (${cost}).`
        : `${service}: starts from zero take ${duration(startRange[0] / 1000)} to ${duration(startRange[1] / 1000)}; a minimum instance keeps the first request after a quiet spell fast (${cost}).`,
    );
    if (facts.hardware.includes('gpu')) {
      advice.push(
        'GPU model loading: bake the weights into the image or mount them from a volume, load them once per instance, and keep a minimum instance: a GPU instance takes seconds to start before the model loads.',
      );
    }
  }
  return advice;
}

function runtimeAdvice(
  runtime: string | undefined,
  coldMs: readonly [number, number],
  snapshot: boolean,
  snapshotMs: number,
  service: string,
): string {
  const range = `${duration(coldMs[0] / 1000)} to ${duration(coldMs[1] / 1000)}`;
  switch (runtime) {
    case 'java':
      return snapshot
        ? `Java cold starts take ${range} on ${service}: SnapStart (Java 11+) cuts them to about ${duration(snapshotMs / 1000)}; a GraalVM native image is the other way down; initialise clients lazily.`
        : `Java cold starts take ${range}: build a GraalVM native image, trim the classpath and initialise clients lazily.`;
    case 'dotnet':
      return snapshot
        ? `.NET cold starts take ${range}: SnapStart covers .NET 8+ (snapshot caching and restores are charged) and Native AOT shortens them further.`
        : `.NET cold starts take ${range}: publish with Native AOT and initialise clients lazily.`;
    case 'python':
      return snapshot
        ? `Python cold starts take ${range}: import heavy libraries inside the handler, keep the package small; SnapStart covers Python 3.12+ (snapshot caching and restores are charged).`
        : `Python cold starts take ${range}: import heavy libraries inside the handler and keep the package small.`;
    case 'node':
      return `Node.js cold starts take ${range}: bundle and tree-shake (esbuild), create SDK clients and connections lazily.`;
    case 'go':
    case 'rust':
      return `${runtime === 'go' ? 'Go' : 'Rust'} already starts fast (${range}): keep start-up work light and it needs little else.`;
    default:
      return `Cold starts take ${range} for a typical runtime: move heavy initialisation (large imports, connection set-up) out of the start path and initialise lazily.`;
  }
}

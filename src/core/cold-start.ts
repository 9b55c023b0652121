import { megabytes, usd } from './format.js';
import type { Model } from './models.js';
import type { PriceTable } from './price-table.js';
import type { WorkloadProfile } from './profile.js';
import { alwaysOnUnitMonthly, type WorkloadFacts } from './workload-facts.js';

const RUNTIME_ADVICE: Record<string, string> = {
  java: 'Java: turn on Lambda SnapStart (Java 11+; cold starts drop from 1-3 s to about 90-140 ms, but it cannot be combined with provisioned concurrency) or build a GraalVM native image.',
  dotnet: '.NET: turn on SnapStart (.NET 8+) or publish with Native AOT; plain .NET cold starts take 300-700 ms.',
  python: 'Python: import heavy libraries lazily inside the handler and keep the package small (150-300 ms cold starts); SnapStart covers Python 3.12+.',
  node: 'Node.js: bundle and tree-shake (esbuild), create SDK clients and connections lazily; expect 150-300 ms cold starts. SnapStart does not support Node.',
  go: 'Go already starts fast (about 100-200 ms): keep start-up work light and it needs little else.',
  rust: 'Rust already starts fast: keep start-up work light and it needs little else.',
};
const GENERIC_ADVICE = 'Move heavy initialisation (large imports, connection set-up) out of the start path: initialise lazily on first use.';

/**
 * Cold-start mitigations that fit the runtime, the latency target and the traffic, with what they cost.
 * Given when functions or serverless containers rank in the top two, or a latency target is set.
 */
export function coldStartAdvice(profile: WorkloadProfile, facts: WorkloadFacts, prices: PriceTable, topTwo: Model[]): string[] {
  const serverlessOnTop = topTwo.includes('faas') || topTwo.includes('serverless_containers');
  if (!serverlessOnTop && profile.latencyTargetMs === undefined) return [];
  const advice: string[] = [];
  const target = profile.latencyTargetMs;
  if (target !== undefined && target < 100) {
    advice.push('Under a 100 ms p99 target, cold starts are not acceptable even with mitigation: keep always-on capacity on the request path.');
  }
  advice.push(profile.runtime ? (RUNTIME_ADVICE[profile.runtime] ?? GENERIC_ADVICE) : GENERIC_ADVICE);

  const memoryGb = (profile.memoryMb ?? prices.assumptions.defaultMemoryMb) / 1024;
  const secondsPerMonth = prices.hoursPerMonth * 3600;
  if (target !== undefined && target < 3000 && topTwo.includes('faas')) {
    const instances = Math.max(1, Math.ceil(facts.avgConcurrency ?? 1));
    const perInstance = memoryGb * prices.faas.provisionedPerGbSecond * secondsPerMonth;
    advice.push(
      `Provisioned concurrency removes cold starts for the instances it keeps ready: about ${usd(perInstance)} per instance a month at ${megabytes(memoryGb * 1024)}, billed while idle (${instances} instance${instances > 1 ? 's' : ''} ≈ ${usd(perInstance * instances)}/month for the average load).`,
    );
  }
  if (target !== undefined && target < 3000 && topTwo.includes('serverless_containers')) {
    advice.push(
      `Serverless containers: keep a minimum of one instance warm (Cloud Run min-instances; Fargate services stay up): about ${usd(alwaysOnUnitMonthly(prices))}/month for 1 vCPU / 2 GB, billed while idle.`,
    );
  }
  if (profile.traffic === 'sporadic' && topTwo.includes('faas')) {
    const pings = (secondsPerMonth / 300);
    const pingCost = (pings / 1e6) * prices.faas.perMillionRequests + pings * 0.05 * memoryGb * prices.faas.perGbSecond;
    advice.push(
      `Keep-warm pings every 5 minutes cost about ${usd(pingCost)}/month in invocations but warm only one instance: concurrent requests still start cold, and the scheduler is one more thing to maintain.`,
    );
  }
  return advice;
}

import { count, duration, megabytes, trim, usd } from './format.js';
import { MODEL_LABELS, type Model } from './models.js';
import type { PriceTable } from './price-table.js';
import type { WorkloadProfile } from './profile.js';
import type { BreakEven, CostEstimate } from './recommendation.js';
import { alwaysOnUnitMonthly, type WorkloadFacts } from './workload-facts.js';

/** Rough monthly figures per model at the stated volume; none when the profile gives no volume. */
export function estimateMonthlyCosts(profile: WorkloadProfile, facts: WorkloadFacts, prices: PriceTable): CostEstimate[] {
  const invocations = facts.monthlyInvocations;
  if (invocations === undefined) return [];
  const { assumptions: a } = prices;
  const hours = prices.hoursPerMonth;
  const memoryMb = profile.memoryMb ?? a.defaultMemoryMb;
  const memoryGb = memoryMb / 1024;
  const perVcpu = facts.requestDriven ? a.concurrentRequestsPerVcpu : 1;
  const busySeconds = invocations * profile.durationSeconds;
  const activeVcpuHours = busySeconds / 3600 / perVcpu;
  const volume = `${count(invocations)} ${facts.requestDriven ? 'requests' : 'runs'} × ${duration(profile.durationSeconds)}`;

  const gbSeconds = busySeconds * memoryGb;
  const faas =
    (Math.max(0, invocations - prices.faas.freeRequestsPerMonth) / 1e6) * prices.faas.perMillionRequests +
    Math.max(0, gbSeconds - prices.faas.freeGbSecondsPerMonth) * prices.faas.perGbSecond;

  const taskVcpuHours = activeVcpuHours * a.autoscaleHeadroom;
  const taskGbPerVcpu = Math.max(a.alwaysOnUnit.memoryGb, memoryGb);
  const alwaysUp = facts.requestDriven && (profile.traffic === 'steady' || profile.traffic === 'variable');
  const serverlessContainers = Math.max(
    taskVcpuHours * (prices.serverlessContainers.perVcpuHour + taskGbPerVcpu * prices.serverlessContainers.perGbHour),
    alwaysUp ? alwaysOnUnitMonthly(prices) : 0,
  );

  const nodeVcpuHour = prices.vm.perHour / prices.vm.vcpus;
  const containers = Math.max(taskVcpuHours, hours * prices.vm.vcpus) * nodeVcpuHour + prices.containers.clusterPerHour * hours;

  const peakVcpus = ((facts.avgConcurrency ?? 0) * facts.peakFactor) / perVcpu;
  const vmCount = Math.max(1, Math.ceil(peakVcpus / prices.vm.vcpus), Math.ceil((peakVcpus * memoryGb) / prices.vm.memoryGb));
  const vm = vmCount * prices.vm.perHour * hours;

  const cpuMs = busySeconds * 1000 * a.edgeCpuShareOfDuration;
  const wasm =
    prices.wasmEdge.monthlyBase +
    (Math.max(0, invocations - prices.wasmEdge.includedRequests) / 1e6) * prices.wasmEdge.perMillionRequests +
    (Math.max(0, cpuMs - prices.wasmEdge.includedCpuMs) / 1e6) * prices.wasmEdge.perMillionCpuMs;

  const estimates: Record<Model, CostEstimate> = {
    faas: { model: 'faas', monthlyUsd: faas, basis: `${volume} at ${megabytes(memoryMb)}, after the free tier` },
    serverless_containers: {
      model: 'serverless_containers',
      monthlyUsd: serverlessContainers,
      basis: `${trim(taskVcpuHours)} vCPU-hours busy plus ${Math.round((a.autoscaleHeadroom - 1) * 100)}% headroom${alwaysUp ? ', at least one task always up' : ''}`,
    },
    containers: {
      model: 'containers',
      monthlyUsd: containers,
      basis: `at least one ${prices.vm.vcpus}-vCPU node plus a cluster control plane (${usd(prices.containers.clusterPerHour * hours)}; less on a shared cluster)`,
    },
    vm: { model: 'vm', monthlyUsd: vm, basis: `${vmCount} × ${prices.vm.label} sized for the peak (${trim(facts.peakFactor)}× average), always on` },
    wasm_edge: { model: 'wasm_edge', monthlyUsd: wasm, basis: `${volume}, CPU time ${Math.round(a.edgeCpuShareOfDuration * 100)}% of wall time` },
  };
  return Object.values(estimates);
}

/** The average rate above which one always-on unit costs less than functions; null when FaaS cannot run it. */
export function faasBreakEven(facts: WorkloadFacts, prices: PriceTable): BreakEven | null {
  if (facts.faasBreakEvenPerSecond === undefined || facts.durationSeconds > 900) return null;
  const unit = prices.assumptions.alwaysOnUnit;
  return {
    requestsPerSecond: facts.faasBreakEvenPerSecond,
    alwaysOnUnit: `a 24x7 ${trim(unit.vcpus)} vCPU / ${trim(unit.memoryGb)} GB serverless container`,
    alwaysOnMonthlyUsd: alwaysOnUnitMonthly(prices),
  };
}

export function costCaveatLines(
  profile: WorkloadProfile,
  facts: WorkloadFacts,
  prices: PriceTable,
  estimates: CostEstimate[],
  shortlist: Model[],
  breakEven: BreakEven | null,
): string[] {
  const lines: string[] = [];
  if (estimates.length === 0) {
    lines.push('No volume was given, so there are no monthly figures: answer requests per second or runs per day to get them.');
  } else {
    for (const model of shortlist) {
      const estimate = estimates.find((e) => e.model === model);
      if (estimate) lines.push(`${capitalise(MODEL_LABELS[model])}: about ${usd(estimate.monthlyUsd)}/month (${estimate.basis}).`);
    }
  }
  if (breakEven) {
    const memory = megabytes(profile.memoryMb ?? prices.assumptions.defaultMemoryMb);
    const at = facts.requestDriven
      ? `${trim(breakEven.requestsPerSecond)} requests/s on average`
      : `${count(breakEven.requestsPerSecond * 86400)} runs a day`;
    const now =
      facts.monthlyInvocations === undefined
        ? ''
        : facts.requestDriven
          ? ` This workload averages ${trim(facts.monthlyInvocations / (prices.hoursPerMonth * 3600))} requests/s.`
          : ` This workload runs about ${count(facts.monthlyInvocations / (prices.hoursPerMonth / 24))} times a day.`;
    lines.push(
      `Break-even: above about ${at}, ${breakEven.alwaysOnUnit} (${usd(breakEven.alwaysOnMonthlyUsd)}/month) costs less than functions at ${memory} and ${duration(profile.durationSeconds)} each.${now}`,
    );
  }
  lines.push(
    `Assumptions: ${prices.region} list prices as of ${prices.asOf} (${prices.faas.label}, ${prices.serverlessContainers.label}, ${prices.vm.label}, ${prices.wasmEdge.label}); ` +
      `${megabytes(prices.assumptions.defaultMemoryMb)} when memory was not given; ${trim(prices.assumptions.concurrentRequestsPerVcpu)} concurrent requests per vCPU; no reserved or spot discounts. Rough figures to compare models, not a quote.`,
  );
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

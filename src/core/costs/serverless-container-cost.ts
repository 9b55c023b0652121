import { count, duration, megabytes, plural, trim, usd } from '../format.js';
import type { CloudPlatforms } from '../platforms.js';
import type { CloudPriceTable } from '../price-table.js';
import type { WorkloadDemand } from '../workload-demand.js';
import { NO_VOLUME, unpriced, type ModelCost } from './model-cost.js';

/** The fewest vCPUs a table of [up to GB, vCPUs] allows for a memory size; undefined above the table. */
export function vcpusForMemory(table: ReadonlyArray<readonly [number, number]>, memoryGb: number): number | undefined {
  for (const [upToGb, vcpus] of table) if (memoryGb <= upToGb + 1e-9) return vcpus;
  return undefined;
}

/**
 * Serverless containers as the chosen cloud bills them. always_on (Fargate): a service's tasks run around the clock,
 * at least one, autoscaled with headroom; a job's task runs only while the job does. per_request (Cloud Run, Container
 * Apps): billed while serving requests, scaling to zero, plus idle minimum instances when the latency target needs them;
 * always-on kinds (stream consumers) keep their CPU allocated.
 */
export function serverlessContainerCost(
  demand: WorkloadDemand,
  prices: CloudPriceTable,
  limits: CloudPlatforms['serverless_containers'],
  options: { headroom: number; startSeconds: number; keepWarm: boolean },
): ModelCost {
  const model = 'serverless_containers';
  const { avgConcurrency, invocationsPerMonth } = demand;
  if (invocationsPerMonth === undefined || avgConcurrency === undefined) return unpriced(model, NO_VOLUME);
  const p = prices.serverlessContainers;
  if (demand.gpu && (!limits.gpu || !p.gpu)) return unpriced(model, `${limits.service} has no GPUs`);
  if (demand.windows && (!limits.windows || !p.windows)) return unpriced(model, `${limits.service} runs no Windows containers`);

  const gpu = demand.gpu ? p.gpu : null;
  const memoryGb = Math.max(demand.memoryGb, gpu?.minMemoryGb ?? 0);
  const forMemory = vcpusForMemory(p.vcpusForMemory, memoryGb);
  if (forMemory === undefined) return unpriced(model, `${limits.service} offers no instance with ${megabytes(memoryGb * 1024)}`);
  const vcpus = Math.max(1, forMemory, gpu?.minVcpus ?? 0);
  // Some platforms tie memory to vCPUs (Fargate: at least 2 GB per vCPU): the task pays for that memory.
  const taskMemoryGb = Math.max(memoryGb, vcpus * p.minGbPerVcpu);
  const rates =
    demand.windows && p.windows
      ? { vcpu: p.windows.perVcpuHour + p.windows.licencePerVcpuHour, gb: p.windows.perGbHour }
      : { vcpu: p.perVcpuHour, gb: p.perGbHour };
  const taskHourly = vcpus * rates.vcpu + taskMemoryGb * rates.gb + (gpu?.perGpuHour ?? 0);
  // One app instance per task: vCPUs that the platform's memory ratio forces on it are paid for, not used.
  const taskConcurrency = demand.perVcpuConcurrency;
  const hours = demand.hoursPerMonth;
  const size = `${trim(vcpus)} vCPU / ${megabytes(taskMemoryGb * 1024)}${gpu ? ` + 1 ${gpu.model}` : ''}${demand.windows ? ', Windows' : ''}`;

  // Free allowances are in vCPU-hours and GB-hours; a GPU hour has none.
  const afterFree = (taskHours: number, requests: number) =>
    Math.max(0, taskHours * vcpus - p.freeVcpuHoursPerMonth) * rates.vcpu +
    Math.max(0, taskHours * taskMemoryGb - p.freeGbHoursPerMonth) * rates.gb +
    taskHours * (gpu?.perGpuHour ?? 0) +
    (Math.max(0, requests - p.freeRequestsPerMonth) / 1e6) * p.perMillionRequests;
  // Billed for an instance's whole life, start to removal (Cloud Run jobs, GPU services): no request fee.
  const lifetime =
    p.instanceBased && !demand.windows
      ? p.instanceBased
      : {
          perVcpuHour: rates.vcpu,
          perGbHour: rates.gb,
          freeVcpuHoursPerMonth: p.freeVcpuHoursPerMonth,
          freeGbHoursPerMonth: p.freeGbHoursPerMonth,
        };
  const lifetimeCost = (instanceHours: number) =>
    Math.max(0, instanceHours * vcpus - lifetime.freeVcpuHoursPerMonth) * lifetime.perVcpuHour +
    Math.max(0, instanceHours * taskMemoryGb - lifetime.freeGbHoursPerMonth) * lifetime.perGbHour +
    instanceHours * (gpu?.perGpuHour ?? 0);

  const warmInstances = Math.max(1, Math.ceil(avgConcurrency / taskConcurrency - 1e-9));
  const warmFee = warmInstances * hours * (vcpus * (p.idlePerVcpuHour ?? rates.vcpu) + taskMemoryGb * (p.idlePerGbHour ?? rates.gb));

  if (demand.shape === 'job') {
    const taskHours = (invocationsPerMonth * (demand.sizingSeconds + options.startSeconds)) / 3600;
    const spot = demand.interruptible && p.spot ? taskHours * (vcpus * p.spot.perVcpuHour + taskMemoryGb * p.spot.perGbHour) : null;
    return {
      model,
      monthlyUsd: lifetimeCost(taskHours),
      committedMonthlyUsd: null,
      spotMonthlyUsd: spot,
      ...(p.billing === 'per_request' ? { warmMonthlyUsd: warmFee } : {}),
      basis: () =>
        `${p.service} tasks of ${size} for ${count(invocationsPerMonth)} runs × (${duration(demand.sizingSeconds)} + ${duration(options.startSeconds)} start), billed while running`,
    };
  }

  if (p.billing === 'always_on' || demand.alwaysOn) {
    const tasks = Math.max(1, (avgConcurrency / taskConcurrency) * options.headroom);
    return {
      model,
      monthlyUsd: tasks * taskHourly * hours,
      committedMonthlyUsd: null,
      spotMonthlyUsd: null,
      ...(p.billing === 'per_request' ? { warmMonthlyUsd: warmFee } : {}),
      basis: () =>
        `${plural(tasks, `${p.service} task`)} of ${size} on average (${Math.round((options.headroom - 1) * 100)}% headroom, at least one), always running`,
    };
  }

  // Billed while an instance has a request in flight: requests overlap on an instance only once there is load.
  const overlap = Math.min(taskConcurrency, Math.max(1, avgConcurrency));
  const taskHours = (invocationsPerMonth * demand.sizingSeconds) / overlap / 3600;
  const minInstances = options.keepWarm ? warmInstances : 0;

  if (gpu) {
    // A GPU instance is billed from start to removal: it stays up until no request has come for its idle window.
    // With requests arriving at random, one instance is up for the share of time that saw a request within
    // the window (1 - e^(-rate x window)); more load keeps more instances busy.
    const perSecond = invocationsPerMonth / (hours * 3600);
    const upShare = 1 - Math.exp(-perSecond * (demand.sizingSeconds + gpu.idleSeconds));
    const instanceHours = Math.max(taskHours, hours * upShare, minInstances * hours);
    return {
      model,
      monthlyUsd: lifetimeCost(instanceHours),
      committedMonthlyUsd: null,
      spotMonthlyUsd: null,
      warmMonthlyUsd: warmInstances * hours * (vcpus * lifetime.perVcpuHour + taskMemoryGb * lifetime.perGbHour + gpu.perGpuHour),
      basis: () =>
        `${p.service} instances of ${size}, billed for their whole life as GPU instances are: ${trim(instanceHours)} instance-hours ` +
        `(an instance stays up ${duration(gpu.idleSeconds)} after its last request: ${trim(perSecond * 3600)} requests an hour arriving at random keep it up ${Math.round(upShare * 100)}% of the time)`,
    };
  }

  const idle = options.keepWarm ? warmFee : 0;
  return {
    model,
    monthlyUsd: afterFree(taskHours, invocationsPerMonth) + idle,
    committedMonthlyUsd: null,
    spotMonthlyUsd: null,
    warmMonthlyUsd: warmFee,
    basis: () =>
      `${p.service} instances of ${size} billed while serving: ${trim(taskHours)} instance-hours for ${count(invocationsPerMonth)} requests, after the free tier` +
      (minInstances > 0
        ? `; + ${minInstances} minimum instance${minInstances > 1 ? 's' : ''} kept warm for the latency target (${usd(idle)})`
        : ''),
  };
}

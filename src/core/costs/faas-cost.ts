import { count, duration, megabytes, trim, usd } from '../format.js';
import type { CloudPriceTable } from '../price-table.js';
import type { WorkloadDemand } from '../workload-demand.js';
import { NO_VOLUME, unpriced, type ModelCost } from './model-cost.js';
import { vcpusForMemory } from './serverless-container-cost.js';

/** How cold starts are kept out of the latency target: not needed, a snapshot (SnapStart), or warm instances. */
export type WarmStrategy = 'none' | 'snapshot' | 'provisioned';

export interface FaasCostOptions {
  warm: WarmStrategy;
  /** A cold start's init phase, in seconds, for init billing. */
  initSeconds: number;
  coldStartShare: number;
}

/** The memory size a function is billed at: at least the platform minimum, rounded up to an offered size. */
export function billedMemoryMb(faas: CloudPriceTable['faas'], memoryMb: number): number | undefined {
  const wanted = Math.max(faas.minMemoryMb, memoryMb);
  if (!faas.memorySizesMb) return wanted;
  return faas.memorySizesMb.find((size) => size >= wanted - 1e-9);
}

/**
 * Functions: requests and GB-seconds (and vCPU-seconds where CPU is billed apart) after the free tier, the gateway a
 * synchronous API pays, the billed init phase of cold starts, and warm instances (provisioned concurrency, always-ready
 * or minimum instances) sized for the peak concurrency when the latency target needs them, or when they are cheaper.
 */
export function faasCost(demand: WorkloadDemand, prices: CloudPriceTable, options: FaasCostOptions): ModelCost {
  const { avgConcurrency, peakConcurrency, invocationsPerMonth: n } = demand;
  if (n === undefined || avgConcurrency === undefined || peakConcurrency === undefined) return unpriced('faas', NO_VOLUME);
  const faas = prices.faas;
  const memoryMb = billedMemoryMb(faas, demand.memoryGb * 1024);
  if (memoryMb === undefined) return unpriced('faas', `${faas.service} offers no instance with ${megabytes(demand.memoryGb * 1024)}`);
  const memoryGb = memoryMb / 1024;
  const vcpus = faas.perVcpuSecond > 0 ? vcpusForMemory(faas.vcpusForMemory ?? [], memoryGb) : 0;
  if (vcpus === undefined) return unpriced('faas', `${faas.service} offers no instance with ${megabytes(memoryMb)}`);

  const seconds = demand.sizingSeconds;
  const busyGbSeconds = n * seconds * memoryGb;
  const busyVcpuSeconds = n * seconds * vcpus;
  const initGbSeconds =
    faas.initBilling !== undefined && options.warm !== 'provisioned' ? n * options.coldStartShare * options.initSeconds * memoryGb : 0;
  const requests = (Math.max(0, n - faas.freeRequestsPerMonth) / 1e6) * faas.perMillionRequests;
  const onDemand =
    requests +
    Math.max(0, busyGbSeconds + initGbSeconds - faas.freeGbSecondsPerMonth) * faas.perGbSecond +
    Math.max(0, busyVcpuSeconds - faas.freeVcpuSecondsPerMonth) * faas.perVcpuSecond;

  const warmInstances = Math.max(1, Math.ceil(peakConcurrency - 1e-9));
  const secondsPerMonth = demand.hoursPerMonth * 3600;
  const warmFee = warmInstances * secondsPerMonth * (memoryGb * faas.warm.perGbSecond + vcpus * faas.warm.perVcpuSecond);
  const provisioned =
    (n / 1e6) * faas.perMillionRequests +
    warmFee +
    busyGbSeconds * faas.warm.executionPerGbSecond +
    busyVcpuSeconds * faas.warm.executionPerVcpuSecond;
  const useWarm = options.warm === 'provisioned' || provisioned < onDemand;
  const gateway = demand.httpSync && prices.gateway ? (n / 1e6) * prices.gateway.perMillionRequests : 0;

  return {
    model: 'faas',
    monthlyUsd: gateway + (useWarm ? provisioned : onDemand),
    committedMonthlyUsd: null,
    spotMonthlyUsd: null,
    warmMonthlyUsd: warmFee,
    basis: () => {
      const parts = [
        `${count(n)} ${demand.shape === 'service' ? 'requests' : 'runs'} × ${duration(seconds)} at ${megabytes(memoryMb)}${vcpus > 0 ? ` / ${trim(vcpus)} vCPU` : ''}`,
      ];
      if (useWarm) {
        const why = options.warm === 'provisioned' ? 'for the latency target' : 'cheaper than on demand at this steady load';
        parts.push(`${faas.warm.name} for ${warmInstances} instance${warmInstances > 1 ? 's' : ''} (the peak) ${why}, ${usd(warmFee)}`);
      } else {
        parts.push('after the free tier');
        if (initGbSeconds > 0) parts.push(`init phase of ${Math.round(options.coldStartShare * 100)}% cold starts billed`);
      }
      if (options.warm === 'snapshot') parts.push('SnapStart for cold starts (snapshot charges for Python and .NET not included)');
      if (gateway > 0 && prices.gateway) parts.push(`+ ${prices.gateway.service} ${usd(gateway)}`);
      return parts.join('; ');
    },
  };
}

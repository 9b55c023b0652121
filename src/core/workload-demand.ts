import type { CostAssumptions } from './cost-assumptions.js';
import type { WorkloadProfile } from './profile.js';

/** Kinds that serve requests (as opposed to jobs and events, which are counted in runs per day). */
export const REQUEST_DRIVEN_KINDS: ReadonlySet<string> = new Set([
  'api',
  'web_app',
  'ml_inference',
  'stream_processing',
  'database',
  'legacy_app',
  'other',
]);
/** Request-driven kinds whose callers wait on a synchronous HTTP response (gateway fees, HTTP timeouts). */
export const HTTP_KINDS: ReadonlySet<string> = new Set(['api', 'web_app', 'ml_inference', 'legacy_app', 'other']);
/** Kinds that run continuously whatever the traffic: a consumer or a server that is never scaled to zero. */
export const ALWAYS_ON_KINDS: ReadonlySet<string> = new Set(['database', 'stream_processing']);
/** Kinds that grow on one bigger machine rather than across many. */
export const SCALE_UP_KINDS: ReadonlySet<string> = new Set(['database', 'legacy_app']);

export const SECONDS_PER_DAY = 86_400;

/**
 * What the workload asks of any platform, before a platform is chosen: how much is in flight, on what size of
 * instance, for how many hours. Every cost model prices this one description, so the figures compare like for like.
 */
export interface WorkloadDemand {
  /** service: serves requests continuously; job: runs (or events) that start and end. */
  shape: 'service' | 'job';
  httpSync: boolean;
  alwaysOn: boolean;
  scalesUp: boolean;
  memoryGb: number;
  memoryAssumed: boolean;
  gpu: boolean;
  windows: boolean;
  interruptible: boolean;
  existingCluster: boolean;
  hoursPerMonth: number;
  peakFactor: number;
  peakFactorAssumed: boolean;
  /** The duration sizing uses: the answer, except where an always-on service's answer reads as its lifetime. */
  sizingSeconds: number;
  /** True when sizingSeconds is shorter than the answer. */
  durationReadAsLifetime: boolean;
  /** Requests or runs a month; undefined when no volume was given. */
  invocationsPerMonth?: number;
  /** Requests (or runs) in flight on average and at the peak. */
  avgConcurrency?: number;
  peakConcurrency?: number;
  /** Requests one 1-vCPU instance serves at once (services), or 1 (a job run has a vCPU to itself). */
  perVcpuConcurrency: number;
}

export function workloadDemand(profile: WorkloadProfile, assumptions: CostAssumptions, hoursPerMonth: number): WorkloadDemand {
  const requestDriven = REQUEST_DRIVEN_KINDS.has(profile.kind);
  const secondsPerMonth = hoursPerMonth * 3600;
  const alwaysOn = ALWAYS_ON_KINDS.has(profile.kind);
  const sizingSeconds = alwaysOn ? Math.min(profile.durationSeconds, assumptions.alwaysOnMaxSecondsPerRequest) : profile.durationSeconds;
  const shape = shapeOf(profile, requestDriven);
  const peakFactor = profile.peakToBaseline ?? assumptions.defaultPeakToBaseline[profile.traffic];
  const demand: WorkloadDemand = {
    shape,
    httpSync: HTTP_KINDS.has(profile.kind),
    alwaysOn,
    scalesUp: SCALE_UP_KINDS.has(profile.kind),
    memoryGb: (profile.memoryMb ?? assumptions.defaultMemoryMb) / 1024,
    memoryAssumed: profile.memoryMb === undefined,
    gpu: profile.hardware.includes('gpu'),
    windows: profile.os === 'windows',
    interruptible: profile.interruptible,
    existingCluster: profile.existingCluster,
    hoursPerMonth,
    peakFactor,
    peakFactorAssumed: profile.peakToBaseline === undefined,
    sizingSeconds,
    durationReadAsLifetime: sizingSeconds < profile.durationSeconds,
    perVcpuConcurrency: shape === 'service' ? assumptions.concurrentRequestsPerVcpu : 1,
  };
  const invocations =
    shape === 'service'
      ? profile.avgRequestsPerSecond !== undefined
        ? profile.avgRequestsPerSecond * secondsPerMonth
        : undefined
      : profile.runsPerDay !== undefined
        ? (profile.runsPerDay * secondsPerMonth) / SECONDS_PER_DAY
        : undefined;
  if (invocations !== undefined) {
    demand.invocationsPerMonth = invocations;
    demand.avgConcurrency = (invocations * sizingSeconds) / secondsPerMonth;
    demand.peakConcurrency = demand.avgConcurrency * peakFactor;
  }
  return demand;
}

/** Request-driven kinds are services and jobs are jobs, unless only the other kind of volume was given. */
function shapeOf(profile: WorkloadProfile, requestDriven: boolean): WorkloadDemand['shape'] {
  const onlyRuns = profile.avgRequestsPerSecond === undefined && profile.runsPerDay !== undefined;
  const onlyRequests = profile.runsPerDay === undefined && profile.avgRequestsPerSecond !== undefined;
  if (requestDriven) return onlyRuns ? 'job' : 'service';
  return onlyRequests ? 'service' : 'job';
}

/** The same workload at another monthly volume: the break-even search walks volume with everything else fixed. */
export function atVolume(demand: WorkloadDemand, invocationsPerMonth: number): WorkloadDemand {
  const avgConcurrency = (invocationsPerMonth * demand.sizingSeconds) / (demand.hoursPerMonth * 3600);
  return { ...demand, invocationsPerMonth, avgConcurrency, peakConcurrency: avgConcurrency * demand.peakFactor };
}

import type { PriceTable } from './price-table.js';
import type { WorkloadProfile } from './profile.js';

/** Kinds that serve requests (as opposed to jobs and events, which are counted in runs per day). */
export const REQUEST_DRIVEN_KINDS: ReadonlySet<string> = new Set(['api', 'web_app', 'ml_inference', 'stream_processing', 'database', 'other']);

const DAYS_PER_MONTH_DIVISOR = 24; // hoursPerMonth / 24 = days per month

/**
 * Numbers derived from a profile that rules and the cost model both read.
 * Every name here may be used in a rule condition (rules/rules.yaml), next to the profile fields.
 */
export interface DerivedFacts {
  requestDriven: boolean;
  /** Requests (or runs) a month; absent when the profile gives no volume. */
  monthlyInvocations?: number;
  /** Peak over average load: the stated ratio or the default for the traffic shape. */
  peakFactor: number;
  /** Average requests (or runs) in flight at once (Little's law). */
  avgConcurrency?: number;
  /** Average rate over the FaaS break-even rate: above 1, always-on capacity is cheaper than functions. */
  faasLoadVsBreakEven?: number;
  /** The break-even rate in invocations per second, when FaaS can run the workload at all. */
  faasBreakEvenPerSecond?: number;
}

export type WorkloadFacts = WorkloadProfile & DerivedFacts;

export const DERIVED_FACT_NAMES: ReadonlyArray<keyof DerivedFacts> = [
  'requestDriven', 'monthlyInvocations', 'peakFactor', 'avgConcurrency', 'faasLoadVsBreakEven', 'faasBreakEvenPerSecond',
];

export function monthlyInvocations(profile: WorkloadProfile, prices: PriceTable): number | undefined {
  const secondsPerMonth = prices.hoursPerMonth * 3600;
  const requestDriven = REQUEST_DRIVEN_KINDS.has(profile.kind);
  if (requestDriven && profile.avgRequestsPerSecond !== undefined) return profile.avgRequestsPerSecond * secondsPerMonth;
  if (profile.runsPerDay !== undefined) return profile.runsPerDay * (prices.hoursPerMonth / DAYS_PER_MONTH_DIVISOR);
  if (profile.avgRequestsPerSecond !== undefined) return profile.avgRequestsPerSecond * secondsPerMonth;
  return undefined;
}

/** Cost of one FaaS invocation at list price, free tier ignored. */
export function faasCostPerInvocation(profile: WorkloadProfile, prices: PriceTable): number {
  const memoryGb = (profile.memoryMb ?? prices.assumptions.defaultMemoryMb) / 1024;
  return prices.faas.perMillionRequests / 1e6 + profile.durationSeconds * memoryGb * prices.faas.perGbSecond;
}

/** Monthly cost of the always-on unit the break-even is measured against. */
export function alwaysOnUnitMonthly(prices: PriceTable): number {
  const unit = prices.assumptions.alwaysOnUnit;
  return prices.hoursPerMonth * (unit.vcpus * prices.serverlessContainers.perVcpuHour + unit.memoryGb * prices.serverlessContainers.perGbHour);
}

export function deriveFacts(profile: WorkloadProfile, prices: PriceTable): WorkloadFacts {
  const secondsPerMonth = prices.hoursPerMonth * 3600;
  const invocations = monthlyInvocations(profile, prices);
  const peakFactor = profile.peakToBaseline ?? prices.assumptions.defaultPeakToBaseline[profile.traffic];
  const breakEvenPerSecond = alwaysOnUnitMonthly(prices) / faasCostPerInvocation(profile, prices) / secondsPerMonth;
  const facts: WorkloadFacts = {
    ...profile,
    requestDriven: REQUEST_DRIVEN_KINDS.has(profile.kind),
    peakFactor,
    faasBreakEvenPerSecond: breakEvenPerSecond,
  };
  if (invocations !== undefined) {
    facts.monthlyInvocations = invocations;
    facts.avgConcurrency = (invocations * profile.durationSeconds) / secondsPerMonth;
    facts.faasLoadVsBreakEven = invocations / secondsPerMonth / breakEvenPerSecond;
  }
  return facts;
}

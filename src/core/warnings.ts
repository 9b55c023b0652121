import { CLOUD_LABELS } from './clouds.js';
import type { DecisionContent } from './decision-content.js';
import { count, duration, megabytes } from './format.js';
import type { WorkloadAnalysis } from './workload-facts.js';

/** Busy more than this share of the day on one instance is not what "sporadic" means. */
const SPORADIC_BUSY_SHARE = 0.5;
/** More requests in flight than this at the peak is almost always a unit slip in the rate or the duration. */
const IMPLAUSIBLE_CONCURRENCY = 1_000_000;

/** Answers that contradict each other or every platform: flagged on the card and in the JSON, never silently used. */
export function profileWarnings(analysis: WorkloadAnalysis, content: DecisionContent): string[] {
  const { facts, demand } = analysis;
  const out: string[] = [];
  if (facts.latencyTargetMs !== undefined && facts.latencyTargetMs < facts.durationSeconds * 1000) {
    out.push(
      `The p99 target (${duration(facts.latencyTargetMs / 1000)}) is shorter than one request takes (${duration(facts.durationSeconds)}): one of the two answers is probably off.`,
    );
  }
  const largest = Math.max(...content.prices.clouds[facts.cloud].vms.map((vm) => vm.memoryGb)) * 1024;
  if (facts.memoryMb !== undefined && facts.memoryMb > largest) {
    out.push(
      `One instance needing ${megabytes(facts.memoryMb)} is more than the largest machine in the ${CLOUD_LABELS[facts.cloud]} price table has (${megabytes(largest)}): no model runs it as one instance.`,
    );
  }
  if (facts.traffic === 'sporadic' && demand.avgConcurrency !== undefined && demand.avgConcurrency >= SPORADIC_BUSY_SHARE) {
    const busy = Math.min(100, Math.round(demand.avgConcurrency * 100));
    out.push(
      `Traffic was called sporadic, but the volume and duration keep an instance busy ${busy >= 100 ? 'all' : `about ${busy}%`} of the day: steady or scheduled may describe it better.`,
    );
  }
  if (demand.durationReadAsLifetime) {
    out.push(
      `One message or query taking ${duration(facts.durationSeconds)} reads like the process's lifetime, so costs are sized as if one took ${duration(demand.sizingSeconds)}: answer the time one message or query takes for a better figure.`,
    );
  }
  if (demand.peakConcurrency !== undefined && demand.peakConcurrency > IMPLAUSIBLE_CONCURRENCY) {
    out.push(
      `These answers mean about ${count(demand.peakConcurrency)} requests in flight at the peak: check the rate and the duration for a unit slip.`,
    );
  }
  return out;
}

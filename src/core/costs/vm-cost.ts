import { count, duration, megabytes, trim } from '../format.js';
import type { CloudPriceTable, VmInstance } from '../price-table.js';
import type { WorkloadDemand } from '../workload-demand.js';
import { cheapestWholeMachines, largestFittingVcpus, type UnitShape } from './instance-choice.js';
import { NO_VOLUME, unpriced, type ModelCost } from './model-cost.js';

export function describeInstance(instance: VmInstance): string {
  const gpu = instance.gpus > 0 ? `, ${instance.gpus} × ${instance.gpuModel ?? 'GPU'}` : '';
  return `${instance.name} (${trim(instance.vcpus)} vCPU, ${megabytes(instance.memoryGb * 1024)}${gpu})`;
}

/** The unit a machine must hold: one app instance (1 vCPU), or for scale-up kinds one server as big as the peak needs. */
export function serviceUnits(demand: WorkloadDemand, prices: CloudPriceTable, peakConcurrency: number): { unit: UnitShape; units: number } {
  const vcpusAtPeak = Math.max(1, peakConcurrency / demand.perVcpuConcurrency);
  const base: UnitShape = { vcpus: 1, memoryGb: demand.memoryGb, gpu: demand.gpu, windows: demand.windows };
  if (!demand.scalesUp) return { unit: base, units: Math.max(1, Math.ceil(vcpusAtPeak - 1e-9)) };
  // One server, as large as the biggest machine that fits its memory allows; beyond that, replicas.
  const largest = Math.max(1, largestFittingVcpus(prices, base));
  const vcpus = Math.min(Math.ceil(vcpusAtPeak - 1e-9), largest);
  return { unit: { ...base, vcpus }, units: Math.max(1, Math.ceil(vcpusAtPeak / vcpus - 1e-9)) };
}

/**
 * Virtual machines: services on whole machines sized for the peak and always on; jobs on one machine per concurrent
 * run, started for each run (boot included) and stopped between runs, never more hours than always on.
 */
export function vmCost(demand: WorkloadDemand, prices: CloudPriceTable, bootSeconds: number): ModelCost {
  const { avgConcurrency, peakConcurrency, invocationsPerMonth } = demand;
  if (invocationsPerMonth === undefined || avgConcurrency === undefined || peakConcurrency === undefined) return unpriced('vm', NO_VOLUME);
  const hours = demand.hoursPerMonth;

  if (demand.shape === 'service') {
    const { unit, units } = serviceUnits(demand, prices, peakConcurrency);
    const choice = cheapestWholeMachines(prices, unit, units);
    if (!choice) return unpriced('vm', noMachine(demand, prices));
    const { type, machines } = choice;
    return {
      model: 'vm',
      monthlyUsd: machines * type.hourly * hours,
      committedMonthlyUsd: machines * type.committedHourly * hours,
      spotMonthlyUsd: null,
      basis: () =>
        `${machines} × ${describeInstance(type.instance)}${demand.windows ? ' with Windows' : ''}, sized for the peak (${trim(demand.peakFactor)}× average), always on`,
    };
  }

  const unit: UnitShape = { vcpus: 1, memoryGb: demand.memoryGb, gpu: demand.gpu, windows: demand.windows };
  const single = cheapestWholeMachines(prices, unit, 1);
  if (!single) return unpriced('vm', noMachine(demand, prices));
  // Sparse runs each boot a machine of their own and stop it after; dense runs keep machines up, several runs each.
  const concurrentRuns = Math.max(1, Math.ceil(peakConcurrency - 1e-9));
  const perRun = { type: single.type, hours: (invocationsPerMonth * (demand.sizingSeconds + bootSeconds)) / 3600 };
  const packed = cheapestWholeMachines(prices, unit, concurrentRuns)!;
  const alwaysOnCost = packed.machines * packed.type.hourly * hours;
  if (alwaysOnCost <= perRun.hours * perRun.type.hourly) {
    return {
      model: 'vm',
      monthlyUsd: alwaysOnCost,
      committedMonthlyUsd: packed.machines * packed.type.committedHourly * hours,
      spotMonthlyUsd: demand.interruptible ? packed.machines * packed.type.spotHourly * hours : null,
      basis: () =>
        `${packed.machines} × ${describeInstance(packed.type.instance)} always on for up to ${concurrentRuns} runs at once: runs come too often to stop between them`,
    };
  }
  return {
    model: 'vm',
    monthlyUsd: perRun.hours * perRun.type.hourly,
    committedMonthlyUsd: null,
    spotMonthlyUsd: demand.interruptible ? perRun.hours * perRun.type.spotHourly : null,
    basis: () =>
      `${describeInstance(perRun.type.instance)} for ${count(invocationsPerMonth)} runs × (${duration(demand.sizingSeconds)} + ${duration(bootSeconds)} boot) = ${trim(perRun.hours)} machine-hours, stopped between runs`,
  };
}

export function noMachine(demand: WorkloadDemand, prices: CloudPriceTable): string {
  const what = `${megabytes(demand.memoryGb * 1024)}${demand.gpu ? ' with a GPU' : ''}${demand.windows ? ' on Windows' : ''}`;
  return `no machine in the ${prices.cloud} price table holds one instance of ${what}`;
}

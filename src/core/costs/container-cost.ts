import { count, duration, plural, trim, usd } from '../format.js';
import type { CloudPriceTable } from '../price-table.js';
import type { WorkloadDemand } from '../workload-demand.js';
import { cheapestPerUnit, smallestGeneralInstance, type UnitShape } from './instance-choice.js';
import { NO_VOLUME, unpriced, type ModelCost } from './model-cost.js';
import { describeInstance, noMachine, serviceUnits } from './vm-cost.js';

/**
 * Kubernetes: pods packed onto nodes, so the workload pays its share of the cheapest node type per pod. Services keep
 * pods for the average load plus headroom (at least one); jobs pay pod-hours while they run. A new cluster adds its
 * control plane and one always-on system node; on a cluster the team already runs, those are someone else's bill.
 */
export function containerCost(demand: WorkloadDemand, prices: CloudPriceTable, containerStartSeconds: number, headroom: number): ModelCost {
  const { avgConcurrency, peakConcurrency, invocationsPerMonth } = demand;
  if (invocationsPerMonth === undefined || avgConcurrency === undefined || peakConcurrency === undefined)
    return unpriced('containers', NO_VOLUME);
  const hours = demand.hoursPerMonth;

  let unit: UnitShape;
  let podHours: number;
  let sizing: () => string;
  if (demand.shape === 'service') {
    if (demand.scalesUp) {
      // A database keeps its pod sized for the peak: it cannot add replicas in a hurry.
      const sized = serviceUnits(demand, prices, peakConcurrency);
      unit = sized.unit;
      podHours = sized.units * hours;
      sizing = () => `${plural(sized.units, 'pod')} of ${trim(unit.vcpus)} vCPU sized for the peak and kept running`;
    } else {
      unit = { vcpus: 1, memoryGb: demand.memoryGb, gpu: demand.gpu, windows: demand.windows };
      const pods = Math.max(1, (avgConcurrency / demand.perVcpuConcurrency) * headroom);
      podHours = pods * hours;
      sizing = () => `${plural(pods, 'pod')} on average (1 vCPU each, ${Math.round((headroom - 1) * 100)}% headroom, at least one)`;
    }
  } else {
    unit = { vcpus: 1, memoryGb: demand.memoryGb, gpu: demand.gpu, windows: demand.windows };
    podHours = (invocationsPerMonth * (demand.sizingSeconds + containerStartSeconds)) / 3600;
    sizing = () =>
      `${count(invocationsPerMonth)} runs × (${duration(demand.sizingSeconds)} + ${duration(containerStartSeconds)} start) = ${trim(podHours)} pod-hours`;
  }

  const node = cheapestPerUnit(prices, unit);
  if (!node) return unpriced('containers', noMachine(demand, prices));
  const perPodHour = node.hourly / node.unitsPerMachine;
  const workload = podHours * perPodHour;

  const system = smallestGeneralInstance(prices);
  const systemNode = demand.existingCluster ? 0 : system.onDemandPerHour * hours;
  const controlPlane = demand.existingCluster ? 0 : prices.containers.controlPlanePerHour * hours;
  const systemCommitted = demand.existingCluster
    ? 0
    : (system.committed1yPerHour ?? system.onDemandPerHour * (1 - prices.commitment1y.discount)) * hours;
  const cluster = () =>
    demand.existingCluster
      ? 'on the existing cluster (its control plane and system nodes are already paid for)'
      : `+ ${prices.containers.service} control plane ${usd(controlPlane)} and one ${system.name} system node ${usd(systemNode)}`;

  return {
    model: 'containers',
    monthlyUsd: controlPlane + systemNode + workload,
    committedMonthlyUsd:
      demand.shape === 'service' ? controlPlane + systemCommitted + podHours * (node.committedHourly / node.unitsPerMachine) : null,
    spotMonthlyUsd:
      demand.shape === 'job' && demand.interruptible
        ? controlPlane + systemNode + podHours * (node.spotHourly / node.unitsPerMachine)
        : null,
    basis: () =>
      `${sizing()} on ${describeInstance(node.instance)} nodes (${node.unitsPerMachine} per node)${demand.windows ? ' with Windows' : ''} ${cluster()}`,
  };
}

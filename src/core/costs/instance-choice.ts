import type { CloudPriceTable, VmInstance } from '../price-table.js';

/** What one unit of the workload needs on a machine: an app instance, a database server or a job run. */
export interface UnitShape {
  vcpus: number;
  memoryGb: number;
  gpu: boolean;
  windows: boolean;
}

/** A machine type's hourly prices for a workload, with the commitment and spot figures worked out. */
export interface PricedInstance {
  instance: VmInstance;
  /** Units one machine holds, never splitting a unit across machines. */
  unitsPerMachine: number;
  hourly: number;
  committedHourly: number;
  spotHourly: number;
}

const EPSILON = 1e-9;

function unitsPerMachine(instance: VmInstance, unit: UnitShape): number {
  if (instance.vcpus + EPSILON < unit.vcpus || instance.memoryGb + EPSILON < unit.memoryGb) return 0;
  const units = Math.min(Math.floor(instance.vcpus / unit.vcpus + EPSILON), Math.floor(instance.memoryGb / unit.memoryGb + EPSILON));
  // One GPU per unit: a GPU is not shared between app instances or runs.
  return unit.gpu ? Math.min(units, instance.gpus) : units;
}

// The what-would-change search prices the same few unit shapes hundreds of times per card: remember the lists.
const cache = new WeakMap<CloudPriceTable, Map<string, PricedInstance[]>>();
const CACHE_LIMIT = 512;

/** Every machine type that can hold at least one unit, priced for it (Windows prices where the unit needs Windows). */
export function eligibleInstances(prices: CloudPriceTable, unit: UnitShape): readonly PricedInstance[] {
  let byShape = cache.get(prices);
  if (!byShape) {
    byShape = new Map();
    cache.set(prices, byShape);
  }
  const key = `${unit.vcpus}|${unit.memoryGb}|${unit.gpu}|${unit.windows}`;
  const known = byShape.get(key);
  if (known) return known;
  const list = priceInstances(prices, unit);
  if (byShape.size >= CACHE_LIMIT) byShape.clear();
  byShape.set(key, list);
  return list;
}

function priceInstances(prices: CloudPriceTable, unit: UnitShape): PricedInstance[] {
  const out: PricedInstance[] = [];
  for (const instance of prices.vms) {
    if ((instance.family === 'gpu') !== unit.gpu) continue;
    const hourly = unit.windows ? instance.windowsPerHour : instance.onDemandPerHour;
    if (hourly === undefined) continue;
    const units = unitsPerMachine(instance, unit);
    if (units === 0) continue;
    const linuxCommitted = instance.committed1yPerHour ?? instance.onDemandPerHour * (1 - prices.commitment1y.discount);
    // A commitment discounts the machine, not the Windows licence on top of it.
    const committedHourly = hourly - (instance.onDemandPerHour - linuxCommitted);
    const linuxSpot = instance.spotPerHour ?? instance.onDemandPerHour * (1 - prices.spot.discount);
    out.push({ instance, unitsPerMachine: units, hourly, committedHourly, spotHourly: hourly - (instance.onDemandPerHour - linuxSpot) });
  }
  return out;
}

/** The type that places `units` on the fewest dollars of whole machines; undefined when no type fits one unit. */
export function cheapestWholeMachines(candidates: readonly PricedInstance[], units: number): { type: PricedInstance; machines: number } | undefined {
  let best: { type: PricedInstance; machines: number } | undefined;
  for (const type of candidates) {
    const machines = Math.max(1, Math.ceil(units / type.unitsPerMachine - EPSILON));
    if (!best || machines * type.hourly < best.machines * best.type.hourly) best = { type, machines };
  }
  return best;
}

/** The type with the lowest price per unit when units share machines (Kubernetes nodes packed with pods). */
export function cheapestPerUnit(candidates: readonly PricedInstance[]): PricedInstance | undefined {
  let best: PricedInstance | undefined;
  for (const type of candidates) {
    if (!best || type.hourly / type.unitsPerMachine < best.hourly / best.unitsPerMachine) best = type;
  }
  return best;
}

/** The cheapest general-purpose Linux machine: a new cluster's always-on system node. */
export function smallestGeneralInstance(prices: CloudPriceTable): VmInstance {
  let best: VmInstance | undefined;
  for (const instance of prices.vms) {
    if (instance.family === 'general' && (!best || instance.onDemandPerHour < best.onDemandPerHour)) best = instance;
  }
  if (!best) throw new Error(`the ${prices.cloud} price table has no general-purpose machine`);
  return best;
}

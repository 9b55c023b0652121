import type { CloudPriceTable, VmInstance } from '../price-table.js';

/** What one unit of the workload needs on a machine: an app instance, a database server or a job run. */
export interface UnitShape {
  vcpus: number;
  memoryGb: number;
  gpu: boolean;
  windows: boolean;
}

/** A machine type's hourly prices for a workload (Windows ones where it needs Windows), commitment and spot worked out. */
export interface MachineOffer {
  instance: VmInstance;
  hourly: number;
  committedHourly: number;
  spotHourly: number;
}

/** An offer that holds at least one unit, and how many it holds. */
export interface PricedInstance extends MachineOffer {
  /** Units one machine holds, never splitting a unit across machines. */
  unitsPerMachine: number;
}

const EPSILON = 1e-9;

export function unitsPerMachine(instance: VmInstance, unit: UnitShape): number {
  if (instance.vcpus + EPSILON < unit.vcpus || instance.memoryGb + EPSILON < unit.memoryGb) return 0;
  const units = Math.min(Math.floor(instance.vcpus / unit.vcpus + EPSILON), Math.floor(instance.memoryGb / unit.memoryGb + EPSILON));
  // One GPU per unit: a GPU is not shared between app instances or runs.
  return unit.gpu ? Math.min(units, instance.gpus) : units;
}

// Four lists per price table (GPU or not, Windows or not), priced once: the what-would-change search prices
// hundreds of unit shapes per card, and only which machines fit changes between them.
const OFFERS = new WeakMap<CloudPriceTable, Map<string, MachineOffer[]>>();

/** The machine types of the right family (GPU or not) with a price for the OS the unit needs. */
export function machineOffers(prices: CloudPriceTable, gpu: boolean, windows: boolean): readonly MachineOffer[] {
  let byKind = OFFERS.get(prices);
  if (!byKind) {
    byKind = new Map();
    OFFERS.set(prices, byKind);
  }
  const key = `${gpu}|${windows}`;
  let offers = byKind.get(key);
  if (!offers) {
    offers = [];
    for (const instance of prices.vms) {
      if ((instance.family === 'gpu') !== gpu) continue;
      const hourly = windows ? instance.windowsPerHour : instance.onDemandPerHour;
      if (hourly === undefined) continue;
      const linuxCommitted = instance.committed1yPerHour ?? instance.onDemandPerHour * (1 - prices.commitment1y.discount);
      const linuxSpot = instance.spotPerHour ?? instance.onDemandPerHour * (1 - prices.spot.discount);
      // A commitment or spot discounts the machine, not the Windows licence on top of it.
      offers.push({ instance, hourly, committedHourly: hourly - (instance.onDemandPerHour - linuxCommitted), spotHourly: hourly - (instance.onDemandPerHour - linuxSpot) });
    }
    byKind.set(key, offers);
  }
  return offers;
}

/** The type that places `units` on the fewest dollars of whole machines; undefined when no type fits one unit. */
export function cheapestWholeMachines(prices: CloudPriceTable, unit: UnitShape, units: number): { type: PricedInstance; machines: number } | undefined {
  let best: { type: PricedInstance; machines: number } | undefined;
  let bestCost = Infinity;
  for (const offer of machineOffers(prices, unit.gpu, unit.windows)) {
    const perMachine = unitsPerMachine(offer.instance, unit);
    if (perMachine === 0) continue;
    const machines = Math.max(1, Math.ceil(units / perMachine - EPSILON));
    const cost = machines * offer.hourly;
    if (cost < bestCost) {
      bestCost = cost;
      best = { type: { ...offer, unitsPerMachine: perMachine }, machines };
    }
  }
  return best;
}

/** The type with the lowest price per unit when units share machines (Kubernetes nodes packed with pods). */
export function cheapestPerUnit(prices: CloudPriceTable, unit: UnitShape): PricedInstance | undefined {
  let best: MachineOffer | undefined;
  let bestUnits = 0;
  for (const offer of machineOffers(prices, unit.gpu, unit.windows)) {
    const perMachine = unitsPerMachine(offer.instance, unit);
    if (perMachine === 0) continue;
    if (!best || offer.hourly / perMachine < best.hourly / bestUnits) {
      best = offer;
      bestUnits = perMachine;
    }
  }
  return best && { ...best, unitsPerMachine: bestUnits };
}

/** The most vCPUs any machine that fits one unit has: a scale-up server grows no further on one machine. */
export function largestFittingVcpus(prices: CloudPriceTable, unit: UnitShape): number {
  let largest = 0;
  for (const offer of machineOffers(prices, unit.gpu, unit.windows)) if (unitsPerMachine(offer.instance, unit) > 0) largest = Math.max(largest, offer.instance.vcpus);
  return largest;
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

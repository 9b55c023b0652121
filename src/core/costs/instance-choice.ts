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

// Four lists per price table (GPU or not, Windows or not), priced once.
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
      offers.push({
        instance,
        hourly,
        committedHourly: hourly - (instance.onDemandPerHour - linuxCommitted),
        spotHourly: hourly - (instance.onDemandPerHour - linuxSpot),
      });
    }
    byKind.set(key, offers);
  }
  return offers;
}

/** A machine type that holds at least one unit, priced with how many. */
interface Fit {
  priced: PricedInstance;
  /** Position in the price table: between equal costs, the earlier type wins. */
  index: number;
}

/** Per unit shape: the fitting offers, the cheapest per unit, the largest fitting machine. */
interface ShapeFits {
  /** Cheapest per unit first, so a search for whole machines can stop early. */
  fits: Fit[];
  perUnit: PricedInstance | undefined;
  largestVcpus: number;
}

// The search prices hundreds of variants per card, mostly of a few unit shapes: which machines fit a shape is worked
// out once (keyed by OS and GPU, vCPUs, memory). Bounded: bisected memory sizes all differ, so a full cache starts over.
type ShapeCache = Map<number, Map<number, ShapeFits>>[];
const FITS = new WeakMap<CloudPriceTable, ShapeCache>();
const MAX_SHAPES = 1024;

function shapeFits(prices: CloudPriceTable, unit: UnitShape): ShapeFits {
  let cache = FITS.get(prices);
  if (!cache) {
    cache = [new Map(), new Map(), new Map(), new Map()];
    FITS.set(prices, cache);
  }
  const byVcpus = cache[(unit.gpu ? 2 : 0) + (unit.windows ? 1 : 0)]!;
  let byMemory = byVcpus.get(unit.vcpus);
  if (!byMemory) {
    byMemory = new Map();
    byVcpus.set(unit.vcpus, byMemory);
  }
  let shape = byMemory.get(unit.memoryGb);
  if (shape) return shape;
  const fits: Fit[] = [];
  let largestVcpus = 0;
  for (const [index, offer] of machineOffers(prices, unit.gpu, unit.windows).entries()) {
    const perMachine = unitsPerMachine(offer.instance, unit);
    if (perMachine === 0) continue;
    fits.push({ priced: { ...offer, unitsPerMachine: perMachine }, index });
    largestVcpus = Math.max(largestVcpus, offer.instance.vcpus);
  }
  // Stable: between equal prices per unit the table's order stands.
  fits.sort((a, b) => a.priced.hourly / a.priced.unitsPerMachine - b.priced.hourly / b.priced.unitsPerMachine);
  shape = { fits, perUnit: fits[0]?.priced, largestVcpus };
  if (byMemory.size >= MAX_SHAPES) byMemory.clear();
  byMemory.set(unit.memoryGb, shape);
  return shape;
}

/** The type that places `units` on the fewest dollars of whole machines; undefined when no type fits one unit. */
export function cheapestWholeMachines(
  prices: CloudPriceTable,
  unit: UnitShape,
  units: number,
): { type: PricedInstance; machines: number } | undefined {
  let best: Fit | undefined;
  let bestMachines = 0;
  let bestCost = Infinity;
  for (const fit of shapeFits(prices, unit).fits) {
    const { hourly, unitsPerMachine: perMachine } = fit.priced;
    // No type further down the list can place the units for less than its price per unit times the units.
    if ((units * hourly) / perMachine > bestCost) break;
    const machines = Math.max(1, Math.ceil(units / perMachine - EPSILON));
    const cost = machines * hourly;
    if (cost < bestCost || (cost === bestCost && best !== undefined && fit.index < best.index)) {
      bestCost = cost;
      best = fit;
      bestMachines = machines;
    }
  }
  return best && { type: best.priced, machines: bestMachines };
}

/** The type with the lowest price per unit when units share machines (Kubernetes nodes packed with pods). */
export function cheapestPerUnit(prices: CloudPriceTable, unit: UnitShape): PricedInstance | undefined {
  return shapeFits(prices, unit).perUnit;
}

/** The most vCPUs any machine that fits one unit has: a scale-up server grows no further on one machine. */
export function largestFittingVcpus(prices: CloudPriceTable, unit: UnitShape): number {
  return shapeFits(prices, unit).largestVcpus;
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

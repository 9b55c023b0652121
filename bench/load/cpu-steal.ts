import { readFileSync } from 'node:fs';

/**
 * CPU steal: time the hypervisor gave to other guests while this VM had work to run. On the shared 2-vCPU
 * development VMs it comes in bursts (half a CPU for seconds at a time), and a load turn that runs through such a
 * burst measures the host, not the app: in one run, the two turns of ours with 12% steal had twice the
 * answer-to-next p99 of its two turns with 2-4%.
 */

/** The machine's CPU time so far, all CPUs together, in clock ticks, and the part of it that was steal. */
export interface CpuTimes {
  total: number;
  steal: number;
}

/** Reads /proc/stat's aggregate line; undefined where there is none (not Linux) or it cannot be read. */
export function readCpuTimes(read: () => string = () => readFileSync('/proc/stat', 'utf8')): CpuTimes | undefined {
  let text: string;
  try {
    text = read();
  } catch {
    return undefined;
  }
  const fields = (text.split('\n', 1)[0] ?? '').trim().split(/\s+/);
  // cpu user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already inside user and nice
  if (fields[0] !== 'cpu' || fields.length < 9) return undefined;
  const ticks = fields.slice(1, 9).map(Number);
  if (ticks.some((n) => !Number.isSafeInteger(n) || n < 0)) return undefined;
  return { total: ticks.reduce((sum, n) => sum + n, 0), steal: ticks[7] as number };
}

/** The share (0-1) of the machine's CPU time that was steal between two readings; undefined if either is missing. */
export function stealShare(before: CpuTimes | undefined, after: CpuTimes | undefined): number | undefined {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  return total > 0 ? Math.max(0, after.steal - before.steal) / total : undefined;
}

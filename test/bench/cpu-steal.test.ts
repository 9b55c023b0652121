import { describe, expect, it } from 'vitest';
import { readCpuTimes, stealShare } from '../../bench/load/cpu-steal.js';

const PROC_STAT = [
  'cpu  2563752 3914 367629 12901146 18920 0 46931 336413 0 0',
  'cpu0 1171787 1998 169499 6586779 2781 0 19461 168522 0 0',
  'intr 1 2 3',
].join('\n');

describe('CPU steal from /proc/stat', () => {
  it('reads the aggregate line: every tick of user to steal, and steal', () => {
    expect(readCpuTimes(() => PROC_STAT)).toEqual({
      total: 2563752 + 3914 + 367629 + 12901146 + 18920 + 0 + 46931 + 336413,
      steal: 336413,
    });
  });

  it('does not count guest time twice (the kernel already counts it in user and nice)', () => {
    expect(readCpuTimes(() => 'cpu  100 0 0 100 0 0 0 0 50 50')).toEqual({ total: 200, steal: 0 });
  });

  it('gives nothing where /proc/stat is missing or not in the expected form', () => {
    expect(
      readCpuTimes(() => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
    expect(readCpuTimes(() => 'cpu0 1 2 3 4 5 6 7 8')).toBeUndefined();
    expect(readCpuTimes(() => 'cpu  1 2 3')).toBeUndefined();
    expect(readCpuTimes(() => 'cpu  1 2 3 4 5 6 7 x')).toBeUndefined();
  });

  it('gives the share of the machine CPU time stolen between two readings', () => {
    // two CPUs for 10 s at 100 ticks/s: 2,000 ticks, 240 of them stolen
    expect(stealShare({ total: 10_000, steal: 500 }, { total: 12_000, steal: 740 })).toBeCloseTo(0.12, 10);
    expect(stealShare({ total: 10_000, steal: 500 }, { total: 12_000, steal: 500 })).toBe(0);
    expect(stealShare(undefined, { total: 1, steal: 0 })).toBeUndefined();
    expect(stealShare({ total: 5, steal: 0 }, { total: 5, steal: 0 })).toBeUndefined();
  });

  it('reads this machine, where there is a /proc/stat', () => {
    const times = readCpuTimes();
    if (process.platform !== 'linux') return expect(times).toBeUndefined();
    expect(times?.total).toBeGreaterThan(0);
    expect(times?.steal).toBeGreaterThanOrEqual(0);
    expect(times!.steal).toBeLessThanOrEqual(times!.total);
  });
});

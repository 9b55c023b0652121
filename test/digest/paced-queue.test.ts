import { describe, expect, it } from 'vitest';
import { createPacedQueue } from '../../src/digest/paced-queue.js';

describe('createPacedQueue', () => {
  it('starts tasks of one key at least the interval apart, and other keys without waiting', async () => {
    const q = createPacedQueue();
    const t0 = performance.now();
    const starts: Array<[string, number]> = [];
    const task = (key: string) => async () => void starts.push([key, performance.now() - t0]);
    await Promise.all([q.push('a', 60, task('a')), q.push('a', 60, task('a')), q.push('a', 60, task('a')), q.push('b', 60, task('b'))]);
    const a = starts.filter(([k]) => k === 'a').map(([, t]) => t);
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(55);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(55);
    expect(starts.find(([k]) => k === 'b')![1]).toBeLessThan(40);
  });

  it("remembers a key's spacing between pushes", async () => {
    const q = createPacedQueue();
    const t0 = performance.now();
    await q.push('a', 80, async () => undefined);
    await q.push('a', 80, async () => undefined);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(75);
  });

  it('passes results and errors through, and keeps going after an error', async () => {
    const q = createPacedQueue();
    await expect(q.push('a', 0, async () => 42)).resolves.toBe(42);
    await expect(q.push('a', 0, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(q.push('a', 0, async () => 'after')).resolves.toBe('after');
    expect(q.size).toBe(0);
  });

  it('limits tasks in flight across keys', async () => {
    const q = createPacedQueue({ concurrency: 2 });
    let inFlight = 0;
    let most = 0;
    const task = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight -= 1;
    };
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => q.push(k, 0, task)));
    expect(most).toBe(2);
    await q.idle();
  });

  it('uses the injected sleep', async () => {
    const slept: number[] = [];
    let now = 0;
    const q = createPacedQueue({
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    await Promise.all([q.push('a', 1000, async () => undefined), q.push('a', 1000, async () => undefined)]);
    expect(slept).toEqual([1000]);
  });
});

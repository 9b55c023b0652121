import { describe, expect, it } from 'vitest';
import { WorkTracker } from '../../src/slack/work-tracker.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WorkTracker', () => {
  it('runs deferred work in order, a few at a time, and idle() waits for all of it', async () => {
    const work = new WorkTracker({ concurrency: 2, quietMs: 0 });
    const started: number[] = [];
    let running = 0;
    let maxRunning = 0;
    for (let i = 0; i < 6; i++) {
      work.defer(async () => {
        started.push(i);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(5);
        running -= 1;
      });
    }
    expect(work.pending).toBe(6);
    await work.idle();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxRunning).toBe(2);
    expect(work.pending).toBe(0);
  });

  it('sends errors to onError and keeps going', async () => {
    const errors: unknown[] = [];
    const work = new WorkTracker({ quietMs: 0, onError: (e) => errors.push(e) });
    let ran = false;
    work.defer(async () => {
      throw new Error('boom');
    });
    work.defer(async () => {
      ran = true;
    });
    await work.idle();
    expect(errors).toHaveLength(1);
    expect(ran).toBe(true);
  });

  it('lets requests go first: deferred work waits for a quiet moment, but not longer than maxWaitMs', async () => {
    const work = new WorkTracker({ quietMs: 20, maxWaitMs: 60 });
    work.noteArrival();
    let t = performance.now();
    await work.yieldToRequests();
    expect(performance.now() - t).toBeGreaterThanOrEqual(15);

    // arrivals keep coming: it gives up waiting after maxWaitMs
    const timer = setInterval(() => work.noteArrival(), 5);
    work.noteArrival();
    t = performance.now();
    await work.yieldToRequests();
    clearInterval(timer);
    const waited = performance.now() - t;
    expect(waited).toBeGreaterThanOrEqual(55);
    expect(waited).toBeLessThan(200);
  });

  it('track() counts work that runs now', async () => {
    const work = new WorkTracker();
    let done = false;
    const p = work.track(async () => {
      await sleep(10);
      done = true;
    });
    expect(work.pending).toBe(1);
    await work.idle();
    expect(done).toBe(true);
    await p;
  });
});

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

  it('starts interactive work without waiting for a quiet moment, ahead of queued background work', async () => {
    const work = new WorkTracker({ concurrency: 1, quietMs: 30, maxWaitMs: 200 });
    const order: string[] = [];
    work.noteArrival();
    const t = performance.now();
    let interactiveAt = NaN;
    work.defer(async () => {
      order.push('background 1');
    });
    work.defer(async () => {
      order.push('background 2');
    });
    work.defer(
      async () => {
        interactiveAt = performance.now() - t;
        order.push('interactive');
      },
      { interactive: true },
    );
    await work.idle();
    // background 1 had already started (and waits for quiet); the interactive job goes before background 2
    expect(order).toEqual(['background 1', 'interactive', 'background 2']);
    expect(interactiveAt).toBeGreaterThanOrEqual(25);

    const alone = new WorkTracker({ quietMs: 30, maxWaitMs: 200 });
    alone.noteArrival();
    const started = performance.now();
    let waited = NaN;
    alone.defer(async () => {
      waited = performance.now() - started;
    }, { interactive: true });
    await alone.idle();
    expect(waited).toBeLessThan(25);
  });

  it('sends a synchronous throw from interactive work to onError', async () => {
    const errors: unknown[] = [];
    const work = new WorkTracker({ onError: (e) => errors.push(e) });
    work.defer(
      (() => {
        throw new Error('sync boom');
      }) as unknown as () => Promise<void>,
      { interactive: true },
    );
    await work.idle();
    expect(errors).toEqual([new Error('sync boom')]);
  });

  it('knows whether a request is open: from its headers until its response, each closer counted once', () => {
    const work = new WorkTracker();
    expect(work.hasOpenRequests).toBe(false);
    const closeA = work.requestOpened();
    const closeB = work.requestOpened();
    expect(work.hasOpenRequests).toBe(true);
    closeA();
    closeA();
    expect(work.hasOpenRequests).toBe(true);
    closeB();
    expect(work.hasOpenRequests).toBe(false);
  });
});

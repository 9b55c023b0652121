import { describe, expect, it } from 'vitest';
import { WorkQueue, WorkQueueFullError } from '../../src/inbox/work-queue.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WorkQueue', () => {
  it('runs deferred work in order, a few at a time, and idle() waits for all of it', async () => {
    const work = new WorkQueue({ concurrency: 2 });
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

  it('starts deferred work only after the current event-loop turn (the ack goes first)', async () => {
    const work = new WorkQueue();
    const order: string[] = [];
    work.defer(async () => void order.push('job'));
    order.push('ack');
    await work.idle();
    expect(order).toEqual(['ack', 'job']);
  });

  it('sends errors, also synchronous throws, to onError and keeps going', async () => {
    const errors: unknown[] = [];
    const work = new WorkQueue({ onError: (e) => errors.push(e) });
    let ran = false;
    work.defer(async () => {
      throw new Error('boom');
    });
    work.defer((() => {
      throw new Error('sync boom');
    }) as unknown as () => Promise<void>);
    work.defer(async () => {
      ran = true;
    });
    await work.idle();
    expect(errors).toHaveLength(2);
    expect(ran).toBe(true);
  });

  it('refuses work beyond maxQueued, reporting it, and runs the rest', async () => {
    const errors: unknown[] = [];
    const work = new WorkQueue({ concurrency: 1, maxQueued: 2, onError: (e) => errors.push(e) });
    let ran = 0;
    for (let i = 0; i < 4; i++) work.defer(async () => void (ran += 1));
    await work.idle();
    expect(ran).toBe(3); // one running at once, two waiting; the fourth refused
    expect(errors).toEqual([expect.any(WorkQueueFullError)]);
  });

  it('track() counts work that runs now', async () => {
    const work = new WorkQueue();
    let done = false;
    const tracked = work.track(async () => {
      await sleep(10);
      done = true;
    });
    expect(work.pending).toBe(1);
    await work.idle();
    expect(done).toBe(true);
    await tracked;
  });
});

describe('WorkQueue.idle with a deadline', () => {
  it('gives up with false when work outlasts the deadline, and says true once it is done', async () => {
    const work = new WorkQueue();
    let release!: () => void;
    work.defer(() => new Promise<void>((resolve) => (release = resolve)));
    const started = Date.now();
    expect(await work.idle(50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    release();
    expect(await work.idle(1000)).toBe(true);
  });
});

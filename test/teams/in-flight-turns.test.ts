import { describe, expect, it } from 'vitest';
import { InFlightTurns } from '../../src/teams/in-flight-turns.js';

describe('InFlightTurns', () => {
  it('is idle at once with nothing running', async () => {
    expect(await new InFlightTurns().idle()).toBe(true);
  });

  it('idle() waits for every tracked turn, including one that fails', async () => {
    const turns = new InFlightTurns();
    let release!: () => void;
    const slow = turns.track(() => new Promise<void>((resolve) => (release = resolve)));
    const failing = turns.track(async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    expect(turns.pending).toBe(1);
    let idle = false;
    const waiting = turns.idle().then((v) => (idle = v));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle).toBe(false);
    release();
    await slow;
    await waiting;
    expect(idle).toBe(true);
    expect(turns.pending).toBe(0);
  });

  it('idle(timeoutMs) gives up with false when a turn outlasts it', async () => {
    const turns = new InFlightTurns();
    let release!: () => void;
    const slow = turns.track(() => new Promise<void>((resolve) => (release = resolve)));
    expect(await turns.idle(30)).toBe(false);
    release();
    await slow;
    expect(await turns.idle(30)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userSchedules, type UserSchedule } from '../../bench/load/arrival-schedule.js';

/** A user's start and its first `answers` think times. */
const drawn = (schedule: UserSchedule, answers = 12) => [
  schedule.startMs,
  ...Array.from({ length: answers }, () => schedule.nextThinkMs()),
];
const all = (schedules: UserSchedule[]) => schedules.map((s) => drawn(s));

describe('load users arrival schedules', () => {
  it('are the same for both turns of a pair: the same seed, pair and platform draw the same starts and think times', () => {
    const first = all(userSchedules(7, 1, 'slack', 200, 5000, [2000, 6000]));
    const second = all(userSchedules(7, 1, 'slack', 200, 5000, [2000, 6000]));
    expect(second).toEqual(first);
    // a user's schedule does not depend on how many users there are
    expect(all(userSchedules(7, 1, 'slack', 20, 5000, [2000, 6000]))).toEqual(first.slice(0, 20));
  });

  it('differ between pairs, platforms, seeds and users', () => {
    const base = all(userSchedules(7, 0, 'slack', 50, 5000, [2000, 6000]));
    for (const other of [
      userSchedules(7, 1, 'slack', 50, 5000, [2000, 6000]),
      userSchedules(7, 0, 'teams', 50, 5000, [2000, 6000]),
      userSchedules(8, 0, 'slack', 50, 5000, [2000, 6000]),
    ]) {
      const drawnOther = all(other);
      expect(drawnOther.filter((user, i) => user[0] === base[i]?.[0])).toEqual([]);
    }
    expect(new Set(base.map((user) => user[0])).size).toBe(50);
  });

  it('start within the ramp and think within the range', () => {
    fc.assert(
      fc.property(fc.nat(0xffff_ffff), fc.nat(19), fc.nat(600_000), fc.nat(10_000), fc.nat(10_000), (seed, pair, rampMs, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        for (const schedule of userSchedules(seed, pair, 'teams', 5, rampMs, [low, high])) {
          const [start, ...thinks] = drawn(schedule, 20);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(start).toBeLessThanOrEqual(rampMs);
          if (rampMs > 0) expect(start).toBeLessThan(rampMs);
          for (const think of thinks) {
            expect(think).toBeGreaterThanOrEqual(low);
            expect(think).toBeLessThanOrEqual(high);
          }
        }
      }),
    );
  });

  it('spread starts and think times over their ranges, not around one value', () => {
    const schedules = userSchedules(123, 0, 'slack', 2000, 5000, [2000, 6000]);
    const starts = schedules.map((s) => s.startMs);
    const thinks = schedules.map((s) => s.nextThinkMs());
    const mean = (xs: number[]) => xs.reduce((sum, v) => sum + v, 0) / xs.length;
    expect(mean(starts)).toBeGreaterThan(2300);
    expect(mean(starts)).toBeLessThan(2700);
    expect(mean(thinks)).toBeGreaterThan(3800);
    expect(mean(thinks)).toBeLessThan(4200);
    // each fifth of the ramp gets about a fifth of the users
    for (let fifth = 0; fifth < 5; fifth++) {
      const inFifth = starts.filter((s) => s >= fifth * 1000 && s < (fifth + 1) * 1000).length;
      expect(inFifth).toBeGreaterThan(320);
      expect(inFifth).toBeLessThan(480);
    }
  });
});

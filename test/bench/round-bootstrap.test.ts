import { describe, expect, it } from 'vitest';
import { percentile } from '../../bench/percentile.js';
import { roundBootstrapRatio } from '../../bench/round-bootstrap.js';

/** A seeded generator, so the resampling is the same on every run of the test. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const round = (base: number, slow: number[] = []) => [...Array.from({ length: 100 }, (_, i) => base + i / 100), ...slow];

describe('round bootstrap of a p99 ratio', () => {
  it('gives a single point when every round is alike', () => {
    const rounds = { ours: Array.from({ length: 10 }, () => round(2)), bare: Array.from({ length: 10 }, () => round(1)) };
    const interval = roundBootstrapRatio(rounds, { percentile: 99, random: seeded(1), target: 1.6 });
    expect(interval.low).toBeCloseTo(interval.high, 10);
    expect(interval.low).toBeCloseTo(2.98 / 1.98, 10);
    expect(interval.shareAtOrUnder).toBe(1);
  });

  it('widens when one noisy round holds the slowest samples, and says how often the target held', () => {
    const quiet = Array.from({ length: 11 }, () => round(1));
    const ours = [
      ...quiet,
      round(
        1,
        Array.from({ length: 20 }, () => 20),
      ),
    ];
    const bare = Array.from({ length: 12 }, () => round(1));
    const interval = roundBootstrapRatio({ ours, bare }, { percentile: 99, random: seeded(7), target: 1.5 });
    // resamples without the noisy round read about 1x (about (11/12)^12 = 35% of them); with it, about 10x
    expect(interval.low).toBeLessThan(1.1);
    expect(interval.high).toBeGreaterThan(5);
    expect(interval.shareAtOrUnder).toBeGreaterThan(0.2);
    expect(interval.shareAtOrUnder).toBeLessThan(0.6);
  });

  it('keeps the rounds paired: a stretch that slowed both apps does not move the ratio', () => {
    const ours = Array.from({ length: 10 }, (_, i) => round(i === 3 ? 10 : 1).map((v) => v * 1.2));
    const bare = Array.from({ length: 10 }, (_, i) => round(i === 3 ? 10 : 1));
    const interval = roundBootstrapRatio({ ours, bare }, { percentile: 99, random: seeded(3) });
    expect(interval.low).toBeCloseTo(1.2, 5);
    expect(interval.high).toBeCloseTo(1.2, 5);
  });

  it('reads the same ratio as pooling every sample when a resample draws each round once', () => {
    const random = seeded(11);
    const noisy = () =>
      Array.from({ length: 12 }, () =>
        Array.from({ length: 150 + Math.floor(random() * 100) }, () => random() * (random() < 0.02 ? 40 : 5)),
      );
    const ours = noisy();
    const bare = noisy();
    let next = 0;
    const eachRoundOnce = () => ((next++ % 12) + 0.5) / 12;
    const pooled = (rounds: number[][]) =>
      percentile(
        rounds.flat().sort((a, b) => a - b),
        99,
      );
    const interval = roundBootstrapRatio({ ours, bare }, { percentile: 99, resamples: 1, random: eachRoundOnce });
    expect(interval.low).toBe(pooled(ours) / pooled(bare));
  });

  it('refuses rounds that do not pair up', () => {
    expect(() => roundBootstrapRatio({ ours: [[1]], bare: [] }, { percentile: 99 })).toThrow(/same number of rounds/);
    expect(() => roundBootstrapRatio({ ours: [], bare: [] }, { percentile: 99 })).toThrow(/at least one/);
  });
});

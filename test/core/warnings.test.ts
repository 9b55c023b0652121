import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/core/recommend.js';
import { content, profileOf } from './decision-helpers.js';

describe('answers that contradict each other are flagged, not silently used', () => {
  it('a p99 target shorter than the request itself', () => {
    expect(recommend(content, profileOf({ durationSeconds: 0.2, latencyTargetMs: 100 })).warnings).toEqual([
      'The p99 target (100 ms) is shorter than one request takes (200 ms): one of the two answers is probably off.',
    ]);
    expect(recommend(content, profileOf({ durationSeconds: 0.2, latencyTargetMs: 250 })).warnings).toEqual([]);
  });

  it('memory above the largest machine any model has', () => {
    const warnings = recommend(content, profileOf({ kind: 'database', memoryMb: 4 * 1024 * 1024 })).warnings;
    expect(warnings).toEqual([
      'One instance needing 4,096 GB is more than the largest machine in the AWS price table has (1,536 GB): no model runs it as one instance.',
    ]);
  });

  it('"sporadic" traffic whose runs keep a machine busy most of the day', () => {
    const busy = recommend(content, profileOf({ kind: 'batch_job', traffic: 'sporadic', runsPerDay: 100, durationSeconds: 600 })).warnings;
    expect(busy).toEqual([
      'Traffic was called sporadic, but the volume and duration keep an instance busy about 69% of the day: steady or scheduled may describe it better.',
    ]);
    expect(
      recommend(content, profileOf({ kind: 'batch_job', traffic: 'sporadic', runsPerDay: 10, durationSeconds: 600 })).warnings,
    ).toEqual([]);
  });

  it('a stream message said to take hours reads as the consumer lifetime, and is sized as such', () => {
    const rec = recommend(
      content,
      profileOf({ kind: 'stream_processing', traffic: 'steady', avgRequestsPerSecond: 1000, durationSeconds: 30 * 86_400 }),
    );
    expect(rec.warnings).toEqual([
      "One message or query taking 30 days reads like the process's lifetime, so costs are sized as if one took 60 s: answer the time one message or query takes for a better figure.",
    ]);
    // 1,000 messages/s of 60 s: 60,000 in flight, not 2.6 billion.
    for (const e of rec.costEstimates) if (e.monthlyUsd !== null) expect(e.monthlyUsd, e.model).toBeLessThan(10_000_000);
  });

  it('a volume and duration that put over a million requests in flight', () => {
    expect(recommend(content, profileOf({ avgRequestsPerSecond: 1e6, durationSeconds: 10 })).warnings).toEqual([
      'These answers mean about 50M requests in flight at the peak: check the rate and the duration for a unit slip.',
    ]);
  });
});

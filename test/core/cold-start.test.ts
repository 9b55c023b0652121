import { describe, expect, it } from 'vitest';
import type { WorkloadProfileInput } from '../../src/core/profile.js';
import { recommend } from '../../src/core/recommend.js';
import { content, profileOf } from './decision-helpers.js';

/** Bursty events with a latency target, so functions stay in the top two even when cold starts cap them. */
const EVENTS = { kind: 'event_processing', traffic: 'bursty', runsPerDay: 100_000, durationSeconds: 0.1 } as const;
const advice = (o: Partial<WorkloadProfileInput>) => recommend(content, profileOf({ ...EVENTS, ...o }));
const topTwo = (rec: ReturnType<typeof advice>) => rec.ranking.slice(0, 2).map((r) => r.model);

describe('cold-start advice', () => {
  it('only where a cold start can happen on a top-two model, and never for edge isolates', () => {
    expect(topTwo(advice({ latencyTargetMs: 1000 }))).toContain('faas');
    expect(advice({ latencyTargetMs: 1000 }).coldStartAdvice.length).toBeGreaterThan(0);
    // Events nobody waits on, with no target: a cold start does not matter.
    expect(advice({}).coldStartAdvice).toEqual([]);
    // A database on VMs and containers: nothing scales from zero.
    expect(
      recommend(
        content,
        profileOf({ kind: 'database', state: 'local_persistent', traffic: 'steady', avgRequestsPerSecond: 50, latencyTargetMs: 50 }),
      ).coldStartAdvice,
    ).toEqual([]);
    // An edge pick with containers behind it: isolates start in microseconds and Fargate does not scale to zero.
    const edge = recommend(
      content,
      profileOf({ avgRequestsPerSecond: 50, durationSeconds: 0.005, memoryMb: 64, runtime: 'rust', edge: true, latencyTargetMs: 50 }),
    );
    expect(edge.recommended).toBe('wasm_edge');
    expect(edge.ranking.slice(0, 2).map((r) => r.model)).not.toContain('faas');
    expect(edge.coldStartAdvice).toEqual([]);
  });

  it('a target below the cold start: warm instances sized for the peak, with their monthly cost', () => {
    const rec = advice({ runtime: 'node', latencyTargetMs: 300 });
    expect(topTwo(rec)).toContain('faas');
    // Peak: 100,000 runs a day × 0.1 s / 86,400 s × 20 (the bursty default) = 2.3 in flight: 3 instances.
    const fee = 3 * 0.5 * 730 * 3600 * 0.0000041667;
    expect(rec.coldStartAdvice).toContain(
      `Keep 3 instances warm with provisioned concurrency, sized for the peak concurrency at 512 MB: no cold starts up to that level, about $${Math.round(fee)}/month, billed while idle.`,
    );
  });

  it('Java on AWS: SnapStart when it meets the target, else provisioned concurrency, never both', () => {
    const snap = advice({ runtime: 'java', latencyTargetMs: 1500 });
    expect(snap.coldStartAdvice.join(' ')).toMatch(
      /SnapStart brings cold starts to about 1 s, within the target: no provisioned concurrency needed/,
    );
    const tight = advice({ runtime: 'java', latencyTargetMs: 400 });
    expect(topTwo(tight)).toContain('faas');
    expect(tight.coldStartAdvice.join(' ')).toMatch(/Use it or SnapStart, not both/);
    expect(tight.coldStartAdvice[0]).toMatch(/GraalVM native image/);
  });

  it('no SnapStart off AWS: a native image and warm instances instead', () => {
    const rec = advice({ runtime: 'java', latencyTargetMs: 1500, cloud: 'azure' });
    expect(topTwo(rec)).toContain('faas');
    expect(rec.coldStartAdvice.join(' ')).not.toMatch(/SnapStart/);
    expect(rec.coldStartAdvice[0]).toMatch(/GraalVM native image/);
    expect(rec.coldStartAdvice[1]).toMatch(/^Keep 3 instances warm with always-ready instances/);
  });

  it('fast runtimes need little, and a target the cold start fits says so', () => {
    const go = advice({ runtime: 'go', latencyTargetMs: 1000 });
    expect(topTwo(go)).toContain('faas');
    expect(go.coldStartAdvice[0]).toMatch(/^Go already starts fast/);
    expect(go.coldStartAdvice.join(' ')).toMatch(/fit within the 900 ms the target leaves: no warm instances needed/);
  });

  it('sporadic traffic: keep-warm pings warm one instance only', () => {
    const rec = recommend(content, profileOf({ traffic: 'sporadic', avgRequestsPerSecond: 0.01, durationSeconds: 0.1, runtime: 'python' }));
    expect(rec.ranking.slice(0, 2).map((r) => r.model)).toContain('faas');
    expect(rec.coldStartAdvice.join(' ')).toMatch(/Keep-warm pings .* warm only one instance/);
  });

  it('serverless containers that scale to zero: minimum instances and their idle cost; GPU model loading', () => {
    const rec = recommend(
      content,
      profileOf({
        kind: 'ml_inference',
        traffic: 'sporadic',
        avgRequestsPerSecond: 0.05,
        durationSeconds: 1,
        memoryMb: 16_384,
        hardware: ['gpu'],
        cloud: 'gcp',
        latencyTargetMs: 10_000,
      }),
    );
    expect(topTwo(rec)).toContain('serverless_containers');
    const lines = rec.coldStartAdvice.join('\n');
    // A GPU instance has no idle rate: one minimum instance of 4 vCPU / 16 GB + 1 L4 at the instance-based rates,
    // 730 × (4 × 0.0648 + 16 × 0.0072 + 0.672) = $764.
    expect(lines).toMatch(
      /Google Cloud Run .*: starts from zero take 500 ms to 8 s; a minimum instance keeps the first request after a quiet spell fast \(about \$764\/month at the full rate, as GPU instances bill\)/,
    );
    // Without a GPU, a minimum instance idles at the idle rates: 730 × (1 × 0.009 + 2 × 0.009) = $19.71.
    const cpu = recommend(
      content,
      profileOf({
        kind: 'api',
        traffic: 'sporadic',
        avgRequestsPerSecond: 0.05,
        durationSeconds: 0.2,
        memoryMb: 2048,
        cloud: 'gcp',
        latencyTargetMs: 10_000,
        runtime: 'python',
      }),
    );
    if (topTwo(cpu).includes('serverless_containers'))
      expect(cpu.coldStartAdvice.join('\n')).toContain('(about $20/month at the idle rate)');
    else expect.unreachable(`serverless containers not in the top two: ${topTwo(cpu).join(', ')}`);
    const tight = recommend(
      content,
      profileOf({
        kind: 'api',
        traffic: 'sporadic',
        avgRequestsPerSecond: 0.05,
        durationSeconds: 0.2,
        cloud: 'gcp',
        latencyTargetMs: 3000,
        runtime: 'python',
        containerSkills: 'none',
      }),
    );
    if (topTwo(tight).includes('serverless_containers'))
      expect(tight.coldStartAdvice.join('\n')).toMatch(/keep minimum instances for the average load warm/);
    else expect.unreachable(`serverless containers not in the top two: ${topTwo(tight).join(', ')}`);
    expect(lines).toMatch(/GPU model loading: bake the weights into the image or mount them from a volume/);
  });
});

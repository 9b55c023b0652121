import { describe, expect, it } from 'vitest';
import { usd } from '../../src/core/format.js';
import type { WorkloadProfileInput } from '../../src/core/profile.js';
import { recommend } from '../../src/core/recommend.js';
import { alwaysOnUnitMonthly } from '../../src/core/workload-facts.js';
import { content, loadExample, profileOf } from './decision-helpers.js';

/** An event workload where functions rank first, so cold-start advice applies. */
const events = { kind: 'event_processing', traffic: 'sporadic', runsPerDay: 20_000, durationSeconds: 2 } as const;

function advice(overrides: Partial<WorkloadProfileInput>): string[] {
  const rec = recommend(content, profileOf(overrides));
  return rec.coldStartAdvice;
}

describe('cold-start advice by runtime', () => {
  it('java: SnapStart or a GraalVM native image', () => {
    const lines = advice({ ...events, runtime: 'java' }).join('\n');
    expect(lines).toMatch(/SnapStart/);
    expect(lines).toMatch(/GraalVM native image/);
    expect(lines).toMatch(/cannot be combined with provisioned concurrency/);
  });

  it('node: small bundles and lazy initialisation, and no SnapStart', () => {
    const lines = advice({ ...events, runtime: 'node' }).join('\n');
    expect(lines).toMatch(/bundle/i);
    expect(lines).toMatch(/lazily/);
    expect(lines).toMatch(/SnapStart does not support Node/);
    expect(lines).not.toMatch(/turn on (Lambda )?SnapStart/i);
  });

  it('python: lazy imports and a small package', () => {
    expect(advice({ ...events, runtime: 'python' }).join('\n')).toMatch(/import heavy libraries lazily/);
  });

  it('.NET: SnapStart for .NET 8+ or Native AOT', () => {
    expect(advice({ ...events, runtime: 'dotnet' }).join('\n')).toMatch(/\.NET 8\+.*Native AOT/);
  });

  it.each(['go', 'rust'] as const)('%s: already fast, little else needed', (runtime) => {
    const lines = advice({ ...events, runtime }).join('\n');
    expect(lines).toMatch(/already starts fast/);
    expect(lines).not.toMatch(/SnapStart|GraalVM/);
  });

  it('no runtime given: generic lazy-initialisation advice', () => {
    expect(advice(events)[0]).toMatch(/initialise lazily on first use/);
  });
});

describe('cold-start advice by latency target', () => {
  it('a latency target with functions on top: provisioned concurrency with what it costs while idle', () => {
    const rec = recommend(content, profileOf({ ...events, runtime: 'node', latencyTargetMs: 500, memoryMb: 1024 }));
    expect(rec.ranking.slice(0, 2).map((r) => r.model)).toContain('faas');
    const perInstance = 1 * content.prices.faas.provisionedPerGbSecond * content.prices.hoursPerMonth * 3600;
    const line = rec.coldStartAdvice.find((l) => l.startsWith('Provisioned concurrency'));
    expect(line).toBeDefined();
    expect(line).toContain(`about ${usd(perInstance)} per instance a month at 1 GB, billed while idle`);
  });

  it('no latency target: no provisioned concurrency', () => {
    expect(advice({ ...events, runtime: 'node' }).some((l) => /Provisioned concurrency/.test(l))).toBe(false);
  });

  it('serverless containers in the top two and a latency target: minimum instances and their idle cost', () => {
    const rec = recommend(content, { ...loadExample('stateless-api.yaml'), latencyTargetMs: 500 });
    expect(rec.ranking.slice(0, 2).map((r) => r.model)).toContain('serverless_containers');
    const line = rec.coldStartAdvice.find((l) => /minimum of one instance warm/.test(l));
    expect(line).toContain(`about ${usd(alwaysOnUnitMonthly(content.prices))}/month`);
    expect(line).toMatch(/billed while idle/);
  });

  it('under 100 ms: says plainly that cold starts are not acceptable even with mitigation', () => {
    const lines = advice({ kind: 'api', traffic: 'steady', avgRequestsPerSecond: 50, durationSeconds: 0.02, latencyTargetMs: 50, runtime: 'go' });
    expect(lines[0]).toMatch(/not acceptable even with mitigation/);
  });

  it('given whenever a latency target is set, even when neither serverless model is near the top', () => {
    const rec = recommend(content, { ...loadExample('stateful-database.yaml'), latencyTargetMs: 20 });
    expect(rec.ranking.slice(0, 2).map((r) => r.model)).not.toContain('faas');
    expect(rec.ranking.slice(0, 2).map((r) => r.model)).not.toContain('serverless_containers');
    expect(rec.coldStartAdvice.length).toBeGreaterThan(0);
  });

  it('not given when VMs or containers lead and latency does not matter', () => {
    expect(recommend(content, loadExample('legacy-os-app.yaml')).coldStartAdvice).toEqual([]);
    expect(recommend(content, loadExample('stateful-database.yaml')).coldStartAdvice).toEqual([]);
  });
});

describe('cold-start advice by traffic', () => {
  it('sporadic traffic with functions on top: keep-warm pings, their cost and their limits', () => {
    const line = advice({ ...events, runtime: 'python' }).find((l) => l.startsWith('Keep-warm'));
    expect(line).toMatch(/every 5 minutes cost about \$\d+\.\d{2}\/month/);
    expect(line).toMatch(/concurrent requests still start cold/);
  });

  it('no keep-warm advice for scheduled or bursty traffic', () => {
    expect(advice({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 24, durationSeconds: 300 }).some((l) => /Keep-warm/.test(l))).toBe(false);
    expect(recommend(content, loadExample('bursty-api.yaml')).coldStartAdvice.some((l) => /Keep-warm/.test(l))).toBe(false);
  });
});

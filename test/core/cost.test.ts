import { PROFILE_LIMITS, WorkloadProfileSchema } from '../../src/core/profile.js';
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCosts, faasBreakEven } from '../../src/core/cost-estimate.js';
import type { Model } from '../../src/core/models.js';
import type { WorkloadProfileInput } from '../../src/core/profile.js';
import { recommend } from '../../src/core/recommend.js';
import { alwaysOnUnitMonthly, deriveFacts, faasCostPerInvocation } from '../../src/core/workload-facts.js';
import { content, profileOf } from './decision-helpers.js';

const prices = content.prices;

function monthly(overrides: Partial<WorkloadProfileInput>): Record<Model, number> {
  const profile = profileOf(overrides);
  const estimates = estimateMonthlyCosts(profile, deriveFacts(profile, prices), prices);
  return Object.fromEntries(estimates.map((e) => [e.model, e.monthlyUsd])) as Record<Model, number>;
}

describe('the worked break-even from DESIGN.md section 3', () => {
  const lambda1gb100ms = profileOf({ kind: 'api', traffic: 'steady', durationSeconds: 0.1, memoryMb: 1024 });

  it('Lambda at 1 GB and 100 ms costs about $1.87 per million requests', () => {
    expect(faasCostPerInvocation(lambda1gb100ms, prices) * 1e6).toBeCloseTo(1.87, 2);
  });

  it('a 24x7 1 vCPU / 2 GB Fargate task costs about $36 a month', () => {
    expect(alwaysOnUnitMonthly(prices)).toBeGreaterThan(35.5);
    expect(alwaysOnUnitMonthly(prices)).toBeLessThan(36.5);
  });

  it('they break even near 7 requests per second on average', () => {
    const breakEven = faasBreakEven(deriveFacts(lambda1gb100ms, prices), prices);
    expect(breakEven).not.toBeNull();
    expect(breakEven!.requestsPerSecond).toBeGreaterThan(6.5);
    expect(breakEven!.requestsPerSecond).toBeLessThan(8);
    expect(breakEven!.alwaysOnMonthlyUsd).toBeCloseTo(alwaysOnUnitMonthly(prices), 6);
    expect(breakEven!.alwaysOnUnit).toBe('a 24x7 1 vCPU / 2 GB serverless container');
  });

  it('at the break-even rate, a month of functions (before the free tier) costs what the always-on unit does', () => {
    const rate = faasBreakEven(deriveFacts(lambda1gb100ms, prices), prices)!.requestsPerSecond;
    const monthOfFunctions = rate * prices.hoursPerMonth * 3600 * faasCostPerInvocation(lambda1gb100ms, prices);
    expect(monthOfFunctions).toBeCloseTo(alwaysOnUnitMonthly(prices), 6);
  });

  it('the card states the break-even and where this workload sits against it', () => {
    const rec = recommend(content, profileOf({ kind: 'api', traffic: 'steady', durationSeconds: 0.1, memoryMb: 1024, avgRequestsPerSecond: 20 }));
    const line = rec.costCaveats.find((l) => l.startsWith('Break-even'));
    expect(line).toMatch(/above about 7\.\d+ requests\/s on average/);
    expect(line).toMatch(/\$36\/month/);
    expect(line).toMatch(/This workload averages 20 requests\/s/);
  });

  it('more memory or longer requests lower the break-even rate', () => {
    const at = (o: Partial<WorkloadProfileInput>) => deriveFacts(profileOf({ durationSeconds: 0.1, memoryMb: 1024, ...o }), prices).faasBreakEvenPerSecond!;
    expect(at({ memoryMb: 2048 })).toBeLessThan(at({}));
    expect(at({ durationSeconds: 0.5 })).toBeLessThan(at({}));
  });

  it('there is no break-even when functions cannot run the workload', () => {
    expect(recommend(content, profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 7200 })).breakEven).toBeNull();
  });
});

describe('monthly estimates', () => {
  it('functions above the free tier: list price of the volume minus the free allowance', () => {
    // 100 requests/s x 0.1 s x 1 GB = 26.28M requests and 26.28M x 0.1 GB-s a month.
    const m = monthly({ kind: 'api', traffic: 'steady', avgRequestsPerSecond: 100, durationSeconds: 0.1, memoryMb: 1024 });
    const requests = 100 * prices.hoursPerMonth * 3600;
    const expected =
      ((requests - prices.faas.freeRequestsPerMonth) / 1e6) * prices.faas.perMillionRequests +
      (requests * 0.1 - prices.faas.freeGbSecondsPerMonth) * prices.faas.perGbSecond;
    expect(m.faas).toBeCloseTo(expected, 6);
  });

  it('within the free tier, functions cost nothing', () => {
    const m = monthly({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1000, durationSeconds: 10, memoryMb: 512 });
    // 30,417 runs and 152k GB-s a month: under 1M requests and 400k GB-s.
    expect(m.faas).toBe(0);
  });

  it('the free tier is subtracted once: doubling the volume more than doubles the bill by exactly its value', () => {
    const freeValue = (prices.faas.freeRequestsPerMonth / 1e6) * prices.faas.perMillionRequests + prices.faas.freeGbSecondsPerMonth * prices.faas.perGbSecond;
    const base = { kind: 'api', traffic: 'steady', durationSeconds: 0.2, memoryMb: 1024 } as const;
    const one = monthly({ ...base, avgRequestsPerSecond: 50 }).faas;
    const two = monthly({ ...base, avgRequestsPerSecond: 100 }).faas;
    expect(two - 2 * one).toBeCloseTo(freeValue, 6);
  });

  it.each([
    ['runs per day of a batch job', { kind: 'batch_job', traffic: 'scheduled', durationSeconds: 120, memoryMb: 2048 }, 'runsPerDay', 100_000],
    ['requests per second of a bursty API', { kind: 'api', traffic: 'bursty', durationSeconds: 0.3, memoryMb: 1024 }, 'avgRequestsPerSecond', 200],
  ] as const)('per-use figures scale linearly with volume (%s)', (_label, base, field, volume) => {
    const one = monthly({ ...base, [field]: volume });
    const three = monthly({ ...base, [field]: volume * 3 });
    const freeValue = (prices.faas.freeRequestsPerMonth / 1e6) * prices.faas.perMillionRequests + prices.faas.freeGbSecondsPerMonth * prices.faas.perGbSecond;
    // Above the free tier, functions are affine: price x volume minus the fixed free allowance.
    expect(three.faas + freeValue).toBeCloseTo(3 * (one.faas + freeValue), 6);
    // Serverless containers bill busy time only (no always-up minimum for these shapes).
    expect(three.serverless_containers).toBeCloseTo(3 * one.serverless_containers, 6);
  });

  it('always-on models never cost less at a higher volume', () => {
    const base = { kind: 'api', traffic: 'steady', durationSeconds: 0.1, memoryMb: 1024 } as const;
    let previous = monthly({ ...base, avgRequestsPerSecond: 1 });
    for (const rate of [10, 100, 1000, 10_000]) {
      const next = monthly({ ...base, avgRequestsPerSecond: rate });
      for (const model of ['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'] as const) {
        expect(next[model], `${model} at ${rate}/s`).toBeGreaterThanOrEqual(previous[model]);
      }
      previous = next;
    }
  });

  it('a steady request-driven service keeps at least one serverless container up', () => {
    const m = monthly({ kind: 'api', traffic: 'steady', avgRequestsPerSecond: 0.01, durationSeconds: 0.05 });
    expect(m.serverless_containers).toBeCloseTo(alwaysOnUnitMonthly(prices), 6);
  });

  it('at constant high load, functions cost more than always-on capacity (seed 003)', () => {
    const m = monthly({ kind: 'api', traffic: 'steady', avgRequestsPerSecond: 500, durationSeconds: 0.05, memoryMb: 512 });
    expect(m.faas).toBeGreaterThan(m.serverless_containers);
    expect(m.faas).toBeGreaterThan(m.containers);
  });

  it('the card lists a figure for the top usable models and labels them as rough', () => {
    const rec = recommend(content, profileOf({ kind: 'event_processing', traffic: 'sporadic', runsPerDay: 20_000, durationSeconds: 2 }));
    expect(rec.costEstimates).toHaveLength(5);
    const lines = rec.costCaveats.filter((l) => /about \$[\d,.]+\/month/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^Functions \(FaaS\): about \$/);
    expect(rec.costCaveats.at(-1)).toMatch(/^Assumptions: us-east-1 list prices as of 2025-10-01 .*not a quote\.$/);
  });
});

describe('no volume given', () => {
  const rec = recommend(content, profileOf({ kind: 'api', traffic: 'variable', durationSeconds: 0.2 }));

  it('gives no monthly figures', () => {
    expect(rec.costEstimates).toEqual([]);
    expect(rec.costCaveats.some((l) => /about \$[\d,.]+\/month/.test(l))).toBe(false);
  });

  it('says so, and what to answer to get them', () => {
    expect(rec.costCaveats[0]).toMatch(/No volume was given/);
    expect(rec.costCaveats[0]).toMatch(/requests per second or runs per day/);
    expect(rec.costCaveats.at(-1)).toMatch(/^Assumptions:/);
  });
});

// Typo-sized numbers are refused at the edge; the largest allowed ones still give finite figures.
it('absurd volumes are refused by the schema, and the largest allowed ones give finite figures', () => {
  expect(WorkloadProfileSchema.safeParse({ name: 'x', kind: 'api', traffic: 'variable', avgRequestsPerSecond: 1e300, durationSeconds: 1 }).success).toBe(false);
  const rec = recommend(content, profileOf({
    kind: 'api', traffic: 'variable', avgRequestsPerSecond: PROFILE_LIMITS.avgRequestsPerSecond,
    durationSeconds: PROFILE_LIMITS.durationSeconds, memoryMb: PROFILE_LIMITS.memoryMb, peakToBaseline: PROFILE_LIMITS.peakToBaseline,
  }));
  for (const e of rec.costEstimates) expect(Number.isFinite(e.monthlyUsd), e.model).toBe(true);
  expect(JSON.stringify(rec.costCaveats)).not.toMatch(/∞|Infinity|NaN/);
});

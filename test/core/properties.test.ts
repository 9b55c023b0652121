import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDecisionContent } from '../../src/content/load-rules.js';
import { MODELS } from '../../src/core/models.js';
import {
  CONTAINER_SKILLS, HARDWARE_NEEDS, PROFILE_LIMITS, ISOLATION_LEVELS, OS_NEEDS, PORTABILITY_NEEDS, RUNTIMES, STATES, TRAFFIC_SHAPES, WORKLOAD_KINDS,
  WorkloadProfileSchema, type WorkloadProfile, type WorkloadProfileInput,
} from '../../src/core/profile.js';
import { recommend } from '../../src/core/recommend.js';
import { content } from './decision-helpers.js';

/** Positive numbers from denormal-tiny to near the largest double, with the rules' thresholds mixed in. */
const positive = (edges: number[], max: number) =>
  fc.oneof(
    fc.double({ min: Number.MIN_VALUE, max: 1e-3, noNaN: true }),
    fc.double({ min: 1e-3, max: Math.min(1e6, max), noNaN: true }),
    fc.double({ min: Math.min(1e6, max), max, noNaN: true, noDefaultInfinity: true }),
    fc.constant(max),
    fc.constantFrom(...edges),
    fc.constantFrom(...edges).map((e) => e * (1 + 1e-9)),
  );
const nonNegative = (edges: number[], max: number) => fc.oneof(fc.constant(0), positive(edges, max));

/** Every field, required and optional, over its whole allowed range; defaults are left out or given. */
const profileInput: fc.Arbitrary<WorkloadProfileInput> = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0),
    kind: fc.constantFrom(...WORKLOAD_KINDS),
    state: fc.constantFrom(...STATES),
    traffic: fc.constantFrom(...TRAFFIC_SHAPES),
    peakToBaseline: fc.oneof(fc.constant(1), positive([1.5, 99, 100, 1000], PROFILE_LIMITS.peakToBaseline - 1).map((n) => Math.min(PROFILE_LIMITS.peakToBaseline, 1 + n))),
    avgRequestsPerSecond: nonNegative([1, 7.35, 22, 500], PROFILE_LIMITS.avgRequestsPerSecond),
    runsPerDay: nonNegative([1, 24, 20_000, 1e6], PROFILE_LIMITS.runsPerDay),
    durationSeconds: positive([0.001, 30, 300, 900, 901, 1800, 3600, 86_400], PROFILE_LIMITS.durationSeconds),
    latencyTargetMs: positive([1, 99, 100, 1000, 2000, 3000], PROFILE_LIMITS.latencyTargetMs),
    memoryMb: positive([128, 129, 1024, 10_240, 10_241, 32_768], PROFILE_LIMITS.memoryMb),
    os: fc.constantFrom(...OS_NEEDS),
    hardware: fc.array(fc.constantFrom(...HARDWARE_NEEDS), { maxLength: 5 }),
    isolation: fc.constantFrom(...ISOLATION_LEVELS),
    runtime: fc.constantFrom(...RUNTIMES),
    containerSkills: fc.constantFrom(...CONTAINER_SKILLS),
    portability: fc.constantFrom(...PORTABILITY_NEEDS),
    edge: fc.boolean(),
  },
  { requiredKeys: ['name', 'kind', 'traffic', 'durationSeconds'] },
);

const profiles: fc.Arbitrary<WorkloadProfile> = profileInput.map((input) => WorkloadProfileSchema.parse(input));

const RUNS = { numRuns: 300 };

describe('decision core properties', () => {
  it('every generated profile is schema-valid (the arbitrary covers the contract)', () => {
    fc.assert(fc.property(profileInput, (input) => WorkloadProfileSchema.safeParse(input).success), RUNS);
  });

  it('recommend never throws and returns finite scores', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        for (const r of rec.ranking) expect(Number.isFinite(r.score)).toBe(true);
      }),
      RUNS,
    );
  });

  it('over 900 s or over 10,240 MB means faas is unsuitable', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        if (profile.durationSeconds > 900 || (profile.memoryMb ?? 0) > 10_240) expect(rec.verdicts.faas).toBe('unsuitable');
        if (profile.latencyTargetMs !== undefined && profile.latencyTargetMs < 100) expect(rec.verdicts.faas).toBe('unsuitable');
        if (profile.os === 'custom_kernel') expect(MODELS.filter((m) => m !== 'vm').map((m) => rec.verdicts[m])).toEqual(['unsuitable', 'unsuitable', 'unsuitable', 'unsuitable']);
      }),
      RUNS,
    );
  });

  it('the ranking is complete, sorted by score, led by the recommended model, and agrees with the verdicts', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        expect([...rec.ranking.map((r) => r.model)].sort()).toEqual([...MODELS].sort());
        for (let i = 1; i < rec.ranking.length; i++) expect(rec.ranking[i - 1]!.score).toBeGreaterThanOrEqual(rec.ranking[i]!.score);
        expect(rec.ranking[0]!.model).toBe(rec.recommended);
        for (const r of rec.ranking) expect(rec.verdicts[r.model]).toBe(r.verdict);
        expect(Object.keys(rec.verdicts).sort()).toEqual([...MODELS].sort());
      }),
      RUNS,
    );
  });

  it('the same input always gives the same output, also across two loads of the content', () => {
    const second = loadDecisionContent();
    expect(second.ruleSet.rulesVersion).toBe(content.ruleSet.rulesVersion);
    fc.assert(
      fc.property(profileInput, (input) => {
        const a = recommend(content, WorkloadProfileSchema.parse(input));
        const b = recommend(content, WorkloadProfileSchema.parse(structuredClone(input)));
        const c = recommend(second, WorkloadProfileSchema.parse(input));
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it('every what-would-change entry, applied to the profile, really changes the recommended model', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        expect(rec.whatWouldChange).toEqual(rec.changes.map((c) => c.text));
        expect(new Set(rec.changes.map((c) => c.field)).size).toBe(rec.changes.length);
        for (const change of rec.changes) {
          const changed: Record<string, unknown> = { ...profile, [change.field]: change.value };
          if (change.value === undefined) delete changed[change.field];
          const parsed = WorkloadProfileSchema.safeParse(changed);
          expect(parsed.success, `${change.field} -> ${JSON.stringify(change.value)} is a valid answer`).toBe(true);
          const after = recommend(content, parsed.data!);
          expect(after.recommended, change.text).toBe(change.recommended);
          expect(after.recommended).not.toBe(rec.recommended);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('cost caveats always end with the assumptions line', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const caveats = recommend(content, profile).costCaveats;
        expect(caveats.length).toBeGreaterThan(0);
        expect(caveats.at(-1)).toMatch(/^Assumptions: .*not a quote\.$/);
      }),
      RUNS,
    );
  });

  it('cold-start advice is given whenever faas or serverless containers rank in the top two or a latency target is set', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        const topTwo = rec.ranking.slice(0, 2).map((r) => r.model);
        const needed = topTwo.includes('faas') || topTwo.includes('serverless_containers') || profile.latencyTargetMs !== undefined;
        if (needed) expect(rec.coldStartAdvice.length).toBeGreaterThan(0);
        else expect(rec.coldStartAdvice).toEqual([]);
      }),
      RUNS,
    );
  });

  it('the rules version is stamped on every recommendation', () => {
    fc.assert(fc.property(profiles, (profile) => recommend(content, profile).rulesVersion === content.ruleSet.rulesVersion), { numRuns: 50 });
  });
});

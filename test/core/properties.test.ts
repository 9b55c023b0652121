import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLensedContent } from '../../src/content/load-lenses.js';
import { loadDecisionContent } from '../../src/content/load-rules.js';
import { CLOUDS } from '../../src/core/clouds.js';
import { MODELS, verdictRank, type Model } from '../../src/core/models.js';
import {
  CONTAINER_SKILLS,
  HARDWARE_NEEDS,
  PROFILE_LIMITS,
  ISOLATION_LEVELS,
  OS_NEEDS,
  PORTABILITY_NEEDS,
  RUNTIMES,
  STATES,
  TRAFFIC_SHAPES,
  WORKLOAD_KINDS,
  WorkloadProfileSchema,
  type ProfileField,
  type WorkloadProfile,
  type WorkloadProfileInput,
} from '../../src/core/profile.js';
import { evaluateProfile, pickFor, rankFor, recommend } from '../../src/core/recommend.js';
import { analyseWorkload } from '../../src/core/workload-facts.js';
import { content, EXAMPLE_LENSES, exampleFiles, loadExample } from './decision-helpers.js';

/** Positive numbers from denormal-tiny to the field's limit, with the rules' and platforms' thresholds mixed in. */
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
    peakToBaseline: fc.oneof(
      fc.constant(1),
      positive([1.5, 10, 11, 100, 1000], PROFILE_LIMITS.peakToBaseline - 1).map((n) => Math.min(PROFILE_LIMITS.peakToBaseline, 1 + n)),
    ),
    avgRequestsPerSecond: nonNegative([1, 5, 7.35, 22, 500, 3000], PROFILE_LIMITS.avgRequestsPerSecond),
    runsPerDay: nonNegative([1, 24, 20_000, 1e6], PROFILE_LIMITS.runsPerDay),
    durationSeconds: positive([0.001, 1, 30, 230, 300, 540, 900, 901, 1800, 3600, 86_400], PROFILE_LIMITS.durationSeconds),
    latencyTargetMs: positive([1, 99, 100, 250, 1000, 2000, 3000], PROFILE_LIMITS.latencyTargetMs),
    memoryMb: positive([128, 129, 1024, 4096, 10_240, 10_241, 32_768, 122_880], PROFILE_LIMITS.memoryMb),
    os: fc.constantFrom(...OS_NEEDS),
    hardware: fc.array(fc.constantFrom(...HARDWARE_NEEDS), { maxLength: 5 }),
    isolation: fc.constantFrom(...ISOLATION_LEVELS),
    runtime: fc.constantFrom(...RUNTIMES),
    containerSkills: fc.constantFrom(...CONTAINER_SKILLS),
    portability: fc.constantFrom(...PORTABILITY_NEEDS),
    edge: fc.boolean(),
    cloud: fc.constantFrom(...CLOUDS),
    interruptible: fc.boolean(),
    existingCluster: fc.boolean(),
  },
  { requiredKeys: ['name', 'kind', 'traffic', 'durationSeconds'] },
);

const profiles: fc.Arbitrary<WorkloadProfile> = profileInput.map((input) => WorkloadProfileSchema.parse(input));

const RUNS = { numRuns: 300 };

describe('decision core properties', () => {
  it('every generated profile is schema-valid (the arbitrary covers the contract)', () => {
    fc.assert(
      fc.property(profileInput, (input) => WorkloadProfileSchema.safeParse(input).success),
      RUNS,
    );
  });

  it('recommend never throws and returns finite scores and figures', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        for (const r of rec.ranking) expect(Number.isFinite(r.score)).toBe(true);
        for (const e of rec.costEstimates) if (e.monthlyUsd !== null) expect(Number.isFinite(e.monthlyUsd) && e.monthlyUsd >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('the ranking is complete, led by the recommended model, ruled-out models last, scores falling outside a tie', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        expect([...rec.ranking.map((r) => r.model)].sort()).toEqual([...MODELS].sort());
        expect(rec.ranking[0]!.model).toBe(rec.recommended);
        for (const r of rec.ranking) expect(rec.verdicts[r.model]).toBe(r.verdict);
        const firstOut = rec.ranking.findIndex((r) => r.verdict === 'unsuitable');
        if (firstOut >= 0) expect(rec.ranking.slice(firstOut).every((r) => r.verdict === 'unsuitable')).toBe(true);
        const tied = rec.tie?.models.length ?? 1;
        for (let i = Math.max(1, tied); i < rec.ranking.length; i++) {
          if (rec.ranking[i]!.verdict !== 'unsuitable') expect(rec.ranking[i - 1]!.score).toBeGreaterThanOrEqual(rec.ranking[i]!.score);
        }
      }),
      RUNS,
    );
  });

  it('no model is unsuitable unless a rule resting on hard evidence capped it', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const evaluation = evaluateProfile(content, profile);
        for (const model of MODELS) {
          const outcome = evaluation.outcomes[model];
          if (outcome.verdict !== 'unsuitable') continue;
          expect(outcome.capRule?.hard, `${model} unsuitable by ${outcome.capRule?.id ?? 'no cap'}`).toBe(true);
          expect(outcome.contributions.some((c) => c.rule === outcome.capRule && c.effect.cap === 'unsuitable')).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('without the capping rules, no profile yields unsuitable however low its scores', () => {
    const noCaps = {
      ...content,
      ruleSet: {
        ...content.ruleSet,
        rules: content.ruleSet.rules.map((r) => ({ ...r, rulesOut: [], effects: r.effects.map(({ cap: _cap, ...e }) => e) })),
      },
    };
    fc.assert(
      fc.property(profiles, (profile) => {
        const evaluation = evaluateProfile(noCaps, profile);
        for (const model of MODELS) expect(evaluation.outcomes[model].verdict).not.toBe('unsuitable');
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
      { numRuns: 100 },
    );
  });

  it('every what-would-change entry, applied to the profile, really changes the recommended model', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        expect(rec.whatWouldChange.slice(0, rec.changes.length)).toEqual(rec.changes.map((c) => c.text));
        for (const change of rec.changes) {
          const changed: Record<string, unknown> = { ...profile, [change.field]: change.value };
          if (change.value === undefined) delete changed[change.field];
          const parsed = WorkloadProfileSchema.safeParse(changed);
          expect(parsed.success, `${change.field} -> ${JSON.stringify(change.value)} is a valid answer`).toBe(true);
          const after = recommend(content, parsed.data!);
          expect(after.recommended, change.text).toBe(change.recommended);
          expect(after.recommended).not.toBe(rec.recommended);
        }
        // Levers the team controls come before changes of the workload itself.
        const firstNonLever = rec.changes.findIndex((c) => !c.lever);
        if (firstNonLever >= 0) expect(rec.changes.slice(firstNonLever).every((c) => !c.lever)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('cost caveats always end with the assumptions line, naming the cloud and the date prices were read', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        expect(rec.costCaveats.at(-1)).toBe(rec.costAssumptions);
        expect(rec.costAssumptions).toMatch(
          /^Assumptions: (AWS|Azure|Google Cloud) \S+ and .* list prices read \d{4}-\d{2}-\d{2}.*not a quote\.$/,
        );
      }),
      RUNS,
    );
  });

  it('cold-start advice only where a cold start can happen on one of the top two models', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        const topTwo = rec.ranking.slice(0, 2).map((r) => r.model);
        const scaleToZero = content.platforms.clouds[profile.cloud].serverless_containers.scaleToZero;
        const possible = topTwo.includes('faas') || (topTwo.includes('serverless_containers') && scaleToZero);
        if (!possible) expect(rec.coldStartAdvice).toEqual([]);
      }),
      RUNS,
    );
  });

  it('every model a hard fact leaves able to run gets a figure when a volume is given', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        const hasVolume = profile.avgRequestsPerSecond !== undefined || profile.runsPerDay !== undefined;
        const largestMachineMb = Math.max(...content.prices.clouds[profile.cloud].vms.map((v) => v.memoryGb)) * 1024;
        for (const e of rec.costEstimates) {
          if (e.notRunnable) expect(e.monthlyUsd).toBeNull();
          else if (hasVolume && (profile.memoryMb ?? 0) <= largestMachineMb / 2 && !profile.hardware.includes('gpu'))
            expect(e.monthlyUsd, `${e.model}: ${e.basis}`).not.toBeNull();
        }
      }),
      RUNS,
    );
  });
});

describe('a model that cannot run', () => {
  it('gives the same reason in its cost row as its verdict does', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const rec = recommend(content, profile);
        for (const estimate of rec.costEstimates) {
          const ranked = rec.ranking.find((r) => r.model === estimate.model)!;
          if (estimate.notRunnable !== undefined && ranked.verdict === 'unsuitable') expect(estimate.notRunnable).toBe(ranked.reasons[0]);
        }
      }),
      RUNS,
    );
  });
});

describe('the compiled rules behind the what-would-change search', () => {
  it('rank the models exactly as the interpreter does, and pick its leader', () => {
    fc.assert(
      fc.property(profiles, (profile) => {
        const order = evaluateProfile(content, profile).order;
        expect(rankFor(content, profile)).toEqual(order);
        expect(pickFor(content, profile)).toBe(order[0]);
      }),
      { numRuns: 2000 },
    );
  });

  it('rank the models as the interpreter does with lenses on: custom facts, bans, replaced and adjusted rules, discounts', () => {
    // Both example lenses together: Acme's ban, extra rules, adjustment and discounts, Northbank's custom-fact rules
    // (custom.<id>, compiled under quoted names), its replacement of a built-in rule and its disabled one.
    const lensed = loadLensedContent(EXAMPLE_LENSES).content;
    const custom = fc.record(
      {
        data_classification: fc.constantFrom('public', 'internal', 'confidential', 'restricted'),
        eu_personal_data: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(profiles, custom, (profile, answers) => {
        const withAnswers = { ...profile, custom: answers };
        const order = evaluateProfile(lensed, withAnswers).order;
        expect(rankFor(lensed, withAnswers)).toEqual(order);
        expect(pickFor(lensed, withAnswers)).toBe(order[0]);
      }),
      { numRuns: 1000 },
    );
  });

  it('rank a variant that reuses a near analysis (only rule-read answers differ) as a fresh evaluation does', () => {
    const ruleRead = fc.record({
      containerSkills: fc.constantFrom(...CONTAINER_SKILLS),
      portability: fc.constantFrom(...PORTABILITY_NEEDS),
      isolation: fc.constantFrom(...ISOLATION_LEVELS),
      state: fc.constantFrom(...STATES),
      edge: fc.boolean(),
    });
    fc.assert(
      fc.property(profiles, ruleRead, (profile, change) => {
        const near = { profile, analysis: analyseWorkload(profile, content) };
        const variant = { ...profile, ...change };
        const order = evaluateProfile(content, variant).order;
        expect(rankFor(content, variant, near)).toEqual(order);
        expect(pickFor(content, variant, near)).toBe(order[0]);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- costs: never fall as the workload grows, never beyond what the workload's own resources cost ----------------

const GROWABLE: Array<{ field: ProfileField; factor: number }> = [
  { field: 'avgRequestsPerSecond', factor: 3 },
  { field: 'runsPerDay', factor: 3 },
  { field: 'durationSeconds', factor: 2 },
  { field: 'memoryMb', factor: 2 },
];

describe('cost model properties', () => {
  it('no model costs less when the volume, the duration or the memory rises', () => {
    fc.assert(
      fc.property(profiles, fc.constantFrom(...GROWABLE), (profile, { field, factor }) => {
        const value = (profile[field] as number | undefined) ?? (field === 'memoryMb' ? content.assumptions.defaultMemoryMb : undefined);
        if (value === undefined || value === 0) return;
        const grown = WorkloadProfileSchema.safeParse({
          ...profile,
          [field]: Math.min(value * factor, PROFILE_LIMITS[field as keyof typeof PROFILE_LIMITS]),
        });
        if (!grown.success) return;
        const before = analyseWorkload(profile, content).costs;
        const after = analyseWorkload(grown.data, content).costs;
        for (const model of MODELS) {
          for (const key of ['monthlyUsd', 'committedMonthlyUsd'] as const) {
            const a = before[model][key];
            const b = after[model][key];
            if (a === null || b === null) continue;
            expect(
              b,
              `${model} ${key} when ${field} goes ${value} -> ${value * factor}: ${before[model].basis()} | ${after[model].basis()}`,
            ).toBeGreaterThanOrEqual(a * (1 - 1e-9));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('no figure exceeds what the workload’s own peak resources cost around the clock at the dearest list price, plus fixed fees', () => {
    const H = 730;
    fc.assert(
      fc.property(profiles, (profile) => {
        const { demand, costs } = analyseWorkload(profile, content);
        if (demand.invocationsPerMonth === undefined) return;
        const prices = content.prices.clouds[profile.cloud];
        const sc = prices.serverlessContainers;
        const perVcpuHour = Math.max(
          ...prices.vms.map((v) => (v.windowsPerHour ?? v.onDemandPerHour) / v.vcpus),
          sc.perVcpuHour + (sc.windows?.perVcpuHour ?? 0) + (sc.windows?.licencePerVcpuHour ?? 0),
          prices.faas.perVcpuSecond * 3600,
        );
        const perGbHour = Math.max(
          ...prices.vms.map((v) => (v.windowsPerHour ?? v.onDemandPerHour) / v.memoryGb),
          sc.perGbHour,
          sc.windows?.perGbHour ?? 0,
          prices.faas.perGbSecond * 3600,
        );
        const gpuHour = Math.max(...prices.vms.map((v) => (v.gpus > 0 ? v.onDemandPerHour / v.gpus : 0)), sc.gpu?.perGpuHour ?? 0);
        const peak = Math.max(1, demand.peakConcurrency ?? 0);
        // Machines come whole and memory may force vCPUs (and GPU boxes their minimum size): a generous slack.
        const instanceFloor = Math.max(
          ...prices.vms.map((v) => v.windowsPerHour ?? v.onDemandPerHour),
          (sc.gpu?.minVcpus ?? 0) * sc.perVcpuHour + (sc.gpu?.minMemoryGb ?? 0) * sc.perGbHour,
        );
        const resources =
          (peak * perVcpuHour + peak * Math.max(demand.memoryGb, 2) * perGbHour + (demand.gpu ? peak * gpuHour : 0) + instanceFloor) * H;
        const fixed =
          prices.containers.controlPlanePerHour * H +
          Math.max(...prices.vms.map((v) => v.onDemandPerHour)) * H +
          content.prices.edge.monthlyBase;
        const perRequest =
          (demand.invocationsPerMonth / 1e6) *
          (prices.faas.perMillionRequests +
            (prices.gateway?.perMillionRequests ?? 0) +
            sc.perMillionRequests +
            content.prices.edge.perMillionRequests);
        const edgeCpu = ((demand.invocationsPerMonth * demand.sizingSeconds * 1000) / 1e6) * content.prices.edge.perMillionCpuMs;
        // Jobs also pay for each run's start-up (boot, image pull): at most a VM boot per run, on the dearest machine.
        const startUps =
          demand.shape === 'job'
            ? ((demand.invocationsPerMonth * content.platforms.startTimes.vmBootSeconds[1]) / 3600) * instanceFloor
            : 0;
        const bound = 4 * resources + fixed + perRequest + edgeCpu + startUps;
        for (const model of MODELS) {
          const figure = costs[model].monthlyUsd;
          if (figure !== null) expect(figure, `${model}: ${costs[model].basis()}`).toBeLessThanOrEqual(bound);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// ---- no cliffs: walk each numeric answer across its range ----------------------------------------------------------

const WALKS: Array<{ field: ProfileField; min: number; max: number }> = [
  { field: 'avgRequestsPerSecond', min: 0.01, max: 1e5 },
  { field: 'runsPerDay', min: 0.1, max: 1e6 },
  { field: 'durationSeconds', min: 0.005, max: 7 * 86_400 },
  { field: 'latencyTargetMs', min: 5, max: 60_000 },
  { field: 'memoryMb', min: 64, max: 2_000_000 },
  { field: 'peakToBaseline', min: 1, max: 10_000 },
];
const STEPS_PER_WALK = 300;

/**
 * Between two neighbouring values a verdict may jump two levels (optimal to caution, good to unsuitable) only where a
 * rule resting on hard evidence starts or stops holding: a documented platform limit, not a soft cliff.
 */
describe('no verdict jumps two levels between neighbouring values, except at a documented limit', () => {
  const bases = exampleFiles().map((file) => [file, loadExample(file)] as const);
  it.each(WALKS.map((w) => [w.field, w] as const))('%s', (_field, walk) => {
    const jumps: string[] = [];
    for (const [file, base] of bases) {
      if (walk.field === 'avgRequestsPerSecond' && base.avgRequestsPerSecond === undefined) continue;
      if (walk.field === 'runsPerDay' && base.runsPerDay === undefined) continue;
      let previous: { value: number; evaluation: ReturnType<typeof evaluateProfile> } | undefined;
      for (let i = 0; i <= STEPS_PER_WALK; i++) {
        const value = walk.min * (walk.max / walk.min) ** (i / STEPS_PER_WALK);
        const evaluation = evaluateProfile(content, { ...base, [walk.field]: value } as WorkloadProfile);
        if (previous) {
          const hardSwitched = new Set(
            [...previous.evaluation.fired, ...evaluation.fired]
              .filter((r) => r.hard && previous!.evaluation.fired.includes(r) !== evaluation.fired.includes(r))
              .map((r) => r.id),
          );
          for (const model of MODELS as readonly Model[]) {
            const jump = Math.abs(
              verdictRank(previous.evaluation.outcomes[model].verdict) - verdictRank(evaluation.outcomes[model].verdict),
            );
            if (jump >= 2 && hardSwitched.size === 0) {
              jumps.push(
                `${file} ${model}: ${previous.evaluation.outcomes[model].verdict} at ${previous.value} -> ${evaluation.outcomes[model].verdict} at ${value}`,
              );
            }
          }
        }
        previous = { value, evaluation };
      }
    }
    expect(jumps).toEqual([]);
  });
});

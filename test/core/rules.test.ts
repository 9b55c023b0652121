import { describe, expect, it } from 'vitest';
import { buildDecisionContent, parseRuleSet, readRuleTexts } from '../../src/content/load-rules.js';
import type { DecisionContent } from '../../src/core/decision-content.js';
import { MODELS, type Model } from '../../src/core/models.js';
import type { WorkloadProfileInput } from '../../src/core/profile.js';
import { evaluateProfile, recommend, ruledOutByAnswers } from '../../src/core/recommend.js';
import { effectScore, ruledOutModels, verdictForScore, type CompiledRuleSet } from '../../src/core/rule-engine.js';
import { HARD_EVIDENCE } from '../../src/core/rule-set.js';
import { content, loadExample, profileOf } from './decision-helpers.js';

const texts = readRuleTexts();
const rawRules = parseRuleSet(texts['rules.yaml']!, 'rules/rules.yaml', content.references);

type ProfilePatch = Partial<WorkloadProfileInput>;

/**
 * For every rule: a profile where it fires and one where it does not, as close to the rule's edge as possible.
 * The base profile is a plain API (variable traffic, 200 ms requests) on AWS. `miss: null` only for `always: true`.
 */
const CASES: Record<string, { fire: ProfilePatch; miss: ProfilePatch | null }> = {
  faas_max_duration: { fire: { kind: 'batch_job', durationSeconds: 901 }, miss: { kind: 'batch_job', durationSeconds: 900 } },
  faas_duration_near_limit: { fire: { kind: 'batch_job', durationSeconds: 600 }, miss: { kind: 'batch_job', durationSeconds: 200 } },
  faas_gateway_timeout: { fire: { durationSeconds: 20 }, miss: { durationSeconds: 10 } },
  faas_max_memory: { fire: { memoryMb: 10241 }, miss: { memoryMb: 10240 } },
  faas_no_gpu: { fire: { hardware: ['gpu'] }, miss: { hardware: [] } },
  serverless_containers_request_timeout: { fire: { cloud: 'gcp', durationSeconds: 3601 }, miss: { cloud: 'gcp', durationSeconds: 3600 } },
  serverless_containers_memory_limit: { fire: { memoryMb: 122881 }, miss: { memoryMb: 122880 } },
  serverless_containers_no_gpu: { fire: { hardware: ['gpu'] }, miss: { hardware: ['gpu'], cloud: 'gcp' } },
  serverless_gpu_offer: { fire: { hardware: ['gpu'], cloud: 'gcp' }, miss: { hardware: ['gpu'] } },
  serverless_containers_no_windows: { fire: { os: 'windows', cloud: 'gcp' }, miss: { os: 'windows' } },
  wasm_memory_limit: { fire: { memoryMb: 129 }, miss: { memoryMb: 128 } },
  edge_run_time_limit: { fire: { kind: 'batch_job', durationSeconds: 901 }, miss: { kind: 'batch_job', durationSeconds: 900 } },
  edge_long_requests: { fire: { durationSeconds: 2 }, miss: { durationSeconds: 1 } },
  latency_sub_100ms: { fire: { latencyTargetMs: 99 }, miss: { latencyTargetMs: 100 } },
  // Node's cold start is up to 300 ms; a 200 ms request leaves the rest of the target for it.
  faas_cold_start_near_target: { fire: { runtime: 'node', latencyTargetMs: 600 }, miss: { runtime: 'node', latencyTargetMs: 1000 } },
  faas_cold_start_over_target: { fire: { runtime: 'node', latencyTargetMs: 400 }, miss: { runtime: 'node', latencyTargetMs: 600 } },
  faas_cold_start_snapshot: { fire: { runtime: 'java', latencyTargetMs: 1500 }, miss: { runtime: 'java', latencyTargetMs: 700 } },
  serverless_cold_start_vs_target: { fire: { cloud: 'gcp', latencyTargetMs: 5000 }, miss: { latencyTargetMs: 5000 } },
  latency_critical: { fire: { latencyTargetMs: 249 }, miss: { latencyTargetMs: 250 } },
  os_custom_kernel: { fire: { os: 'custom_kernel' }, miss: { os: 'windows' } },
  os_windows: { fire: { os: 'windows' }, miss: { os: 'any_linux' } },
  os_specific_linux: { fire: { os: 'specific_linux' }, miss: { os: 'custom_kernel' } },
  hardware_gpu: { fire: { hardware: ['local_nvme', 'gpu'] }, miss: { hardware: ['local_nvme'] } },
  hardware_local_nvme: { fire: { hardware: ['local_nvme'] }, miss: { hardware: ['gpu', 'hsm'] } },
  hardware_hsm_or_network: { fire: { hardware: ['special_network'] }, miss: { hardware: ['gpu', 'local_nvme'] } },
  isolation_strict: { fire: { isolation: 'strict' }, miss: { isolation: 'standard' } },
  state_local_persistent: { fire: { state: 'local_persistent' }, miss: { state: 'in_memory_session' } },
  state_in_memory_session: { fire: { state: 'in_memory_session' }, miss: { state: 'external_store' } },
  stateless_scales_out: { fire: { state: 'external_store' }, miss: { state: 'in_memory_session' } },
  kind_request_driven_service: { fire: { kind: 'web_app' }, miss: { kind: 'ml_inference' } },
  kind_database: { fire: { kind: 'database' }, miss: { kind: 'api' } },
  kind_event_processing: { fire: { kind: 'event_processing' }, miss: { kind: 'stream_processing' } },
  kind_legacy_app: { fire: { kind: 'legacy_app' }, miss: { kind: 'other' } },
  legacy_os_dependent: { fire: { kind: 'legacy_app', os: 'windows' }, miss: { kind: 'legacy_app', os: 'any_linux' } },
  kind_ml_training: { fire: { kind: 'ml_training' }, miss: { kind: 'ml_inference' } },
  kind_ml_inference: { fire: { kind: 'ml_inference' }, miss: { kind: 'ml_training' } },
  kind_stream_processing: { fire: { kind: 'stream_processing' }, miss: { kind: 'event_processing' } },
  kind_batch_job: { fire: { kind: 'batch_job' }, miss: { kind: 'dev_tooling' } },
  kind_dev_tooling: { fire: { kind: 'dev_tooling' }, miss: { kind: 'batch_job' } },
  short_job_fits_faas: { fire: { kind: 'batch_job', durationSeconds: 900 }, miss: { kind: 'batch_job', durationSeconds: 901 } },
  faas_long_runs: {
    fire: { kind: 'batch_job', cloud: 'azure', durationSeconds: 1800 },
    miss: { kind: 'batch_job', cloud: 'azure', durationSeconds: 900 },
  },
  vm_boot_overhead: { fire: { kind: 'batch_job', durationSeconds: 1799 }, miss: { kind: 'batch_job', durationSeconds: 1800 } },
  long_running: { fire: { durationSeconds: 901 }, miss: { durationSeconds: 900 } },
  traffic_steady: { fire: { traffic: 'steady' }, miss: { traffic: 'variable' } },
  faas_costly_at_constant_load: {
    fire: { traffic: 'steady', avgRequestsPerSecond: 100 },
    miss: { traffic: 'bursty', avgRequestsPerSecond: 100 },
  },
  relative_cost: { fire: { avgRequestsPerSecond: 100 }, miss: null },
  traffic_variable: { fire: { traffic: 'variable' }, miss: { traffic: 'steady' } },
  traffic_bursty: { fire: { traffic: 'bursty' }, miss: { traffic: 'sporadic' } },
  extreme_peaks: { fire: { peakToBaseline: 11 }, miss: { peakToBaseline: 10 } },
  traffic_sporadic: { fire: { traffic: 'sporadic' }, miss: { traffic: 'scheduled' } },
  traffic_scheduled: { fire: { traffic: 'scheduled' }, miss: { traffic: 'sporadic' } },
  fits_faas_free_tier: { fire: { kind: 'batch_job', runsPerDay: 100 }, miss: { kind: 'batch_job', runsPerDay: 100, durationSeconds: 901 } },
  interruptible_job: { fire: { kind: 'batch_job', interruptible: true }, miss: { kind: 'batch_job' } },
  skills_none: { fire: { containerSkills: 'none' }, miss: { containerSkills: 'basic' } },
  skills_strong: { fire: { containerSkills: 'strong' }, miss: { containerSkills: 'basic' } },
  existing_cluster: { fire: { existingCluster: true }, miss: { existingCluster: false } },
  portability_multi_cloud: { fire: { portability: 'multi_cloud' }, miss: { portability: 'hybrid' } },
  portability_hybrid: { fire: { portability: 'hybrid' }, miss: { portability: 'multi_cloud' } },
  wasm_maturity: { fire: {}, miss: null },
  edge_required: { fire: { edge: true }, miss: { edge: false } },
  edge_not_needed: { fire: { edge: false }, miss: { edge: true } },
  wasm_runtime_support: { fire: { runtime: 'php' }, miss: { runtime: 'rust' } },
  wasm_os_or_hardware: { fire: { hardware: ['hsm'] }, miss: { os: 'any_linux', hardware: [] } },
};

function withRules(rules: CompiledRuleSet['rules']): DecisionContent {
  return { ...content, ruleSet: { ...content.ruleSet, rules } };
}
const without = (id: string) => withRules(content.ruleSet.rules.filter((r) => r.id !== id));

describe('rules/rules.yaml: a test per rule', () => {
  it('every shipped rule has a test case, and every case names a shipped rule', () => {
    const ids = content.ruleSet.rules.map((r) => r.id);
    expect(
      ids.filter((id) => !(id in CASES)),
      'rules without a test case',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((id) => !ids.includes(id)),
      'cases for rules that do not exist',
    ).toEqual([]);
  });

  describe.each(content.ruleSet.rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    const testCase = CASES[id]!;

    it('fires, and moves exactly its models by exactly its amount, never past its cap', () => {
      const profile = profileOf(testCase.fire);
      const withRule = evaluateProfile(content, profile);
      const withoutRule = evaluateProfile(without(id), profile);
      expect(withRule.fired.map((r) => r.id)).toContain(id);
      const facts = { ...withRule.analysis.facts, ...withRule.costFacts };
      for (const model of MODELS) {
        const effect = rule.effects.find((e) => e.model === model);
        const moved = withRule.outcomes[model].rawScore - withoutRule.outcomes[model].rawScore;
        // Late rules read cost facts that depend on which models the other rules leave: compare their own effect.
        if (rule.late) expect(moved === 0 || effect !== undefined, `${model} moved without an effect`).toBe(true);
        else expect(moved, `${model} raw score`).toBeCloseTo(effect ? effectScore(effect, facts) : 0, 9);
        if (effect?.cap) {
          expect(withRule.outcomes[model].cap, `${model} capped`).toBeDefined();
          expect(['optimal', 'good', 'caution', 'unsuitable'].indexOf(withRule.outcomes[model].verdict)).toBeGreaterThanOrEqual(
            ['optimal', 'good', 'caution', 'unsuitable'].indexOf(effect.cap),
          );
        }
      }
    });

    it('does not fire where its condition does not hold', () => {
      const raw = rawRules.rules.find((r) => r.id === id)!;
      if (testCase.miss === null) {
        expect(raw.when, 'only an always-true rule may lack a miss case').toEqual({ always: true });
        return;
      }
      const profile = profileOf(testCase.miss);
      const withRule = evaluateProfile(content, profile);
      expect(withRule.fired.map((r) => r.id)).not.toContain(id);
      expect(MODELS.map((m) => withRule.outcomes[m].rawScore)).toEqual(
        MODELS.map((m) => evaluateProfile(without(id), profile).outcomes[m].rawScore),
      );
    });
  });
});

describe('verdict semantics: only hard facts say unsuitable', () => {
  it('every rule that caps a model at unsuitable rests on hard evidence', () => {
    for (const rule of content.ruleSet.rules) {
      if (rule.rulesOut.length > 0) expect(HARD_EVIDENCE.has(rule.evidence), `${rule.id} (${rule.evidence})`).toBe(true);
    }
  });

  it('the loader refuses a soft rule that caps a model at unsuitable', () => {
    const soft = `  - { id: cost_ban, when: { always: true }, effects: { faas: { cap: unsuitable } }, reason: "Too dear.", sources: [{ id: prices }] }\n`;
    expect(() => buildDecisionContent({ ...texts, 'rules.yaml': texts['rules.yaml']! + soft })).toThrow(
      /only hard evidence .* may cap a model at unsuitable/,
    );
  });

  it('a low score alone is caution at worst', () => {
    const t = content.ruleSet.thresholds;
    expect([100, t.optimal, t.optimal - 1, t.good, t.good - 1, 1, 0].map((s) => verdictForScore(s, t))).toEqual([
      'optimal',
      'optimal',
      'good',
      'good',
      'caution',
      'caution',
      'caution',
    ]);
  });

  it('a steady API at 3,000 requests/s: functions cost more at constant load, which is caution, not unsuitable', () => {
    const rec = recommend(content, profileOf({ traffic: 'steady', avgRequestsPerSecond: 3000, durationSeconds: 0.05 }));
    expect(rec.verdicts.faas).toBe('caution');
    expect(rec.ranking.find((r) => r.model === 'faas')!.reasons[0]).toMatch(/Costs .*× what .* does at this constant load/);
  });

  it('WebAssembly at the edge is caution, not unsuitable, when nothing hard rules it out', () => {
    const rec = recommend(content, profileOf({ memoryMb: 64, durationSeconds: 0.01, runtime: 'rust' }));
    expect(rec.verdicts.wasm_edge).toBe('caution');
  });

  it('GPUs rule functions out on every cloud, and serverless containers where the cloud offers no GPUs', () => {
    for (const cloud of ['aws', 'azure', 'gcp'] as const) {
      const rec = recommend(content, profileOf({ kind: 'ml_inference', hardware: ['gpu'], cloud, avgRequestsPerSecond: 5 }));
      expect(rec.verdicts.faas, cloud).toBe('unsuitable');
      expect(rec.verdicts.serverless_containers === 'unsuitable', cloud).toBe(cloud === 'aws');
    }
  });

  it('edge: single-region models are at best good and say what a multi-region deployment takes', () => {
    const rec = recommend(content, profileOf({ edge: true, latencyTargetMs: 150, memoryMb: 64, runtime: 'rust', durationSeconds: 0.01 }));
    for (const model of ['vm', 'containers', 'serverless_containers', 'faas'] as const) {
      expect(['good', 'caution', 'unsuitable'], model).toContain(rec.verdicts[model]);
    }
    expect(rec.ranking.find((r) => r.model === 'containers')!.reasons.join(' ')).toMatch(/region/);
  });

  it('a model ruled out by a hard fact ranks below every model that is not, and gets no cost figure', () => {
    const rec = recommend(content, profileOf({ kind: 'api', avgRequestsPerSecond: 20, os: 'custom_kernel' }));
    expect(rec.recommended).toBe('vm');
    for (const model of ['containers', 'serverless_containers', 'faas', 'wasm_edge'] as const) {
      expect(rec.verdicts[model]).toBe('unsuitable');
      expect(rec.costEstimates.find((e) => e.model === model)).toMatchObject({ monthlyUsd: null, notRunnable: expect.any(String) });
    }
  });

  it('a model ruled out only by the framework table still gets a figure, saying so', () => {
    const rec = recommend(content, profileOf({ kind: 'event_processing', traffic: 'sporadic', runsPerDay: 20000, durationSeconds: 2 }));
    expect(rec.verdicts.vm).toBe('unsuitable');
    const vm = rec.costEstimates.find((e) => e.model === 'vm')!;
    expect(vm.monthlyUsd).toBeGreaterThan(0);
    expect(vm.notRunnable).toBeUndefined();
    expect(vm.basis).toMatch(/decision framework table rules it out/);
  });
});

describe('the decisive reason', () => {
  it('a capped model shows the cap as its reason; an uncapped one its strongest evidence', () => {
    const rec = recommend(content, profileOf({ kind: 'database', traffic: 'steady', avgRequestsPerSecond: 50, memoryMb: 16384 }));
    expect(rec.ranking.find((r) => r.model === 'faas')).toMatchObject({
      verdict: 'unsuitable',
      evidence: 'state_model',
      reasons: expect.arrayContaining(['Not suitable for a database']),
    });
    expect(rec.ranking.find((r) => r.model === 'faas')!.reasons[0]).toBe('Not suitable for a database');
    expect(rec.ranking.find((r) => r.model === 'vm')!.reasons[0]).toBe('Predictable I/O and full control');
  });

  it('a 90 ms target rules functions out for the latency, not for cost', () => {
    const rec = recommend(content, profileOf({ traffic: 'steady', avgRequestsPerSecond: 500, durationSeconds: 0.02, latencyTargetMs: 90 }));
    expect(rec.ranking.find((r) => r.model === 'faas')!.reasons[0]).toMatch(/sub-100 ms/);
  });

  it('"Why" gives reasons for the pick, then one reason per runner-up, never a penalty as a reason for the pick', () => {
    const rec = recommend(content, profileOf({ kind: 'event_processing', traffic: 'bursty', runsPerDay: 50000, durationSeconds: 1 }));
    const forPick = rec.decidingRules.filter((r) => r.role === 'for_pick');
    expect(forPick.length).toBeGreaterThan(0);
    const pick = evaluateProfile(content, rec.profile).outcomes[rec.recommended];
    for (const rule of forPick)
      expect(pick.contributions.filter((c) => c.rule.id === rule.id).reduce((s, c) => s + c.score, 0)).toBeGreaterThan(0);
    const against = rec.decidingRules.filter((r) => r.role === 'against_runner_up');
    expect(new Set(against.map((r) => r.model)).size).toBe(against.length);
    expect(against.every((r) => r.model !== rec.recommended)).toBe(true);
  });
});

describe('"Why" a runner-up lost', () => {
  const bursty = () =>
    recommend(content, profileOf({ kind: 'api', traffic: 'bursty', peakToBaseline: 1000, avgRequestsPerSecond: 5, durationSeconds: 0.2 }));
  const againstOf = (rec: ReturnType<typeof recommend>, model: Model) =>
    rec.decidingRules.find((r) => r.role === 'against_runner_up' && r.model === model);

  it("is a rule that speaks of the runner-up, not the pick's strength from a table without a column for it", () => {
    const rec = bursty();
    expect(rec.recommended).toBe('faas');
    // the bursty-traffic row gives Wasm at the edge nothing either way; its maturity is what holds it back
    expect(againstOf(rec, 'wasm_edge')).toMatchObject({ id: 'wasm_maturity', reason: 'Maturing; not yet at enterprise adoption' });
  });

  it('a note that praises the runner-up says the pick does better on the same count', () => {
    const rec = bursty();
    expect(againstOf(rec, 'containers')).toMatchObject({
      id: 'traffic_bursty',
      reason: 'Auto-scales, but functions (FaaS) fit better here',
    });
  });

  it("a penalty's own note stands as it is, and says what the penalty is for", () => {
    const rec = recommend(content, loadExample('gcp-gpu-inference.yaml'));
    expect(rec.recommended).toBe('containers');
    expect(againstOf(rec, 'serverless_containers')).toMatchObject({
      id: 'serverless_gpu_offer',
      reason: 'Serverless GPUs on Google Cloud Run (services and jobs) (NVIDIA L4), billed per second, in fewer types and sizes than VMs',
    });
  });
});

describe('ties', () => {
  it('leaders within the margin are a tie, and the clearly cheaper one goes first, saying why', () => {
    // A two-hour nightly job: serverless containers and containers fit alike; one costs a few dollars, one a cluster.
    const rec = recommend(
      content,
      profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 7200, containerSkills: 'strong' }),
    );
    const figure = (m: Model) => rec.costEstimates.find((e) => e.model === m)!.monthlyUsd!;
    if (rec.tie) {
      expect(rec.tie.margin).toBe(content.ruleSet.tieMargin);
      expect(rec.tie.models[0]).toBe(rec.recommended);
      if (rec.tie.decidedBy === 'cost') {
        for (const other of rec.tie.models.slice(1)) expect(figure(rec.recommended)).toBeLessThan(figure(other));
        expect(rec.summary).toMatch(/a tie: .* costs? clearly less at this volume/);
      }
    }
    expect(rec.recommended).toBe('serverless_containers');
  });

  it('equal scores with no cost to tell them apart fall back to the documented order, and say so', () => {
    const tiny = buildDecisionContent({
      ...texts,
      'rules.yaml': `version: "2026.1.0"\nbaseScore: 50\nthresholds: { optimal: 75, good: 55 }\ntieMargin: 5\ntieBreakOrder: [faas, vm, containers, wasm_edge, serverless_containers]\nrules:\n  - { id: noop, when: { always: true }, effects: { vm: { score: 0 } }, reason: "Nothing.", sources: [{ id: prices }] }\n`,
    });
    const rec = recommend(tiny, profileOf());
    expect(rec.ranking.map((r) => r.model)).toEqual(['faas', 'vm', 'containers', 'wasm_edge', 'serverless_containers']);
    expect(rec.tie).toMatchObject({ decidedBy: 'order' });
    expect(rec.summary).toMatch(/documented order/);
  });
});

describe('ruled out by the answers so far (interview skip logic)', () => {
  it('rules out only through rules whose answers are all in', () => {
    const rs = content.ruleSet;
    expect([...ruledOutModels(rs, {})]).toEqual([]);
    expect([...ruledOutByAnswers(content, {})]).toEqual([]);
    // faas_max_duration reads a fact from kind, duration and cloud: duration alone is not enough.
    expect(ruledOutByAnswers(content, { durationSeconds: 1000 }).has('faas')).toBe(false);
    expect(ruledOutByAnswers(content, { kind: 'batch_job', durationSeconds: 1000 }).has('faas')).toBe(true);
    expect(ruledOutByAnswers(content, { kind: 'batch_job', durationSeconds: 1000, cloud: 'azure' }).has('faas')).toBe(false);
    // legacy_os_dependent reads kind and os; with os unknown it must not rule containers out.
    expect(ruledOutByAnswers(content, { kind: 'legacy_app' }).has('containers')).toBe(false);
    expect(ruledOutByAnswers(content, { kind: 'legacy_app', os: 'specific_linux' }).has('containers')).toBe(true);
  });

  it('agrees with the full evaluation once every answer is in', () => {
    const profile = profileOf({
      kind: 'database',
      state: 'local_persistent',
      os: 'windows',
      durationSeconds: 2000,
      runtime: 'java',
      latencyTargetMs: 500,
      memoryMb: 4096,
    });
    const full = evaluateProfile(content, profile);
    const ruledOut = new Set(MODELS.filter((m) => full.outcomes[m].verdict === 'unsuitable'));
    expect(ruledOutByAnswers(content, profile as unknown as Record<string, unknown>)).toEqual(ruledOut);
  });
});

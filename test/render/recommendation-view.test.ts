import { describe, expect, it } from 'vitest';
import { MODELS, MODEL_LABELS } from '../../src/core/models.js';
import { WorkloadProfileSchema } from '../../src/core/profile.js';
import type { Recommendation } from '../../src/core/recommendation.js';
import { basedOnParts } from '../../src/render/based-on.js';
import { NOTHING_WOULD_CHANGE, SECTION_TITLES, capItems, toRecommendationView, verdictIcon } from '../../src/render/recommendation-view.js';
import {
  FAAS_ASSUMPTIONS,
  FAAS_BREAK_EVEN,
  NASTY_NAME,
  NO_VOLUME_NOTICE,
  RECOMMENDATION_FIXTURES,
  VM_ASSUMPTIONS,
  VM_WARNING,
  WASM_ASSUMPTIONS,
  faasPick,
  noVolumeRecommendation,
  vmPick,
  wasmEdgePick,
} from '../fixtures/recommendations/index.js';

describe('fixtures', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s has a schema-valid profile and a consistent ranking', (_name, rec) => {
    expect(() => WorkloadProfileSchema.parse(rec.profile)).not.toThrow();
    expect(rec.inputs.profile).toEqual(rec.profile);
    expect(rec.ranking[0]?.model).toBe(rec.recommended);
    expect(new Set(rec.ranking.map((r) => r.model))).toEqual(new Set(MODELS));
    for (const r of rec.ranking) expect(rec.verdicts[r.model]).toBe(r.verdict);
    for (let i = 1; i < rec.ranking.length; i++) expect(rec.ranking[i]!.score).toBeLessThanOrEqual(rec.ranking[i - 1]!.score);
  });

  it.each(RECOMMENDATION_FIXTURES)('%s has cost lines consistent with its estimates, as the core writes them', (_name, rec) => {
    // one estimate per model, in the models' order, on the profile's cloud
    expect(rec.costEstimates.map((e) => e.model)).toEqual([...MODELS]);
    for (const e of rec.costEstimates) {
      expect(e.cloud).toBe(rec.profile.cloud);
      if (e.notRunnable) expect([e.monthlyUsd, e.committedMonthlyUsd]).toEqual([null, null]);
    }
    // a line per model in ranking order, then the break-even (if any), then the assumptions
    const perModel = rec.costCaveats.slice(0, MODELS.length);
    expect(perModel.map((l) => l.slice(0, l.indexOf(':')).toLowerCase())).toEqual(
      rec.ranking.map((r) => MODEL_LABELS[r.model].toLowerCase()),
    );
    expect(rec.costCaveats.at(-1)).toBe(rec.costAssumptions);
    expect(rec.costCaveats).toHaveLength(MODELS.length + (rec.breakEven ? 2 : 1));
    // the decisive reasons: for the pick, then one against each runner-up that could run it
    const roles = rec.decidingRules.map((r) => r.role);
    expect(roles).toEqual([...roles].sort((a, b) => (a === b ? 0 : a === 'for_pick' ? -1 : 1)));
    for (const r of rec.decidingRules.filter((x) => x.role === 'for_pick')) expect(r.model).toBe(rec.recommended);
    for (const r of rec.decidingRules.filter((x) => x.role === 'against_runner_up')) expect(rec.verdicts[r.model]).not.toBe('unsuitable');
  });

  it('cover what the cards must show: a break-even, a committed figure, models that cannot run it, warnings, assumed memory', () => {
    expect(faasPick.breakEven).not.toBeNull();
    expect(faasPick.costEstimates.some((e) => e.committedMonthlyUsd !== null)).toBe(true);
    expect(vmPick.costEstimates.filter((e) => e.notRunnable).map((e) => e.model)).toEqual(['serverless_containers', 'faas', 'wasm_edge']);
    expect(vmPick.warnings.length).toBeGreaterThan(0);
    expect(faasPick.profile.memoryMb).toBeUndefined();
    expect(faasPick.inputs.defaultsApplied).toContainEqual(expect.objectContaining({ field: 'memoryMb', value: 512 }));
  });
});

describe('toRecommendationView', () => {
  it('follows the card: title, headline, summary', () => {
    const view = toRecommendationView(faasPick, { reviewId: 'r_1' });
    expect(view.title).toBe(`Compute review: ${NASTY_NAME}`);
    expect(view.headline).toBe('Recommended: functions (FaaS), optimal');
    expect(view.summary).toBe(faasPick.summary);
    expect(view.recommended).toEqual({ model: 'faas', label: 'functions (FaaS)', verdict: 'optimal', icon: '✅' });
  });

  it('keeps user text unescaped: escaping is each renderer’s job', () => {
    expect(toRecommendationView(faasPick).workloadName).toBe(NASTY_NAME);
  });

  it('prefers meta.workloadName and cleans control characters out of it', () => {
    expect(toRecommendationView(faasPick, { workloadName: 'payments-webhooks' }).title).toBe('Compute review: payments-webhooks');
    expect(toRecommendationView(wasmEdgePick).workloadName).toBe('edge-resizer # heading > quote - item');
  });

  it('has a verdict line for all five models, best first, with icon and first reason', () => {
    const view = toRecommendationView(vmPick);
    expect(view.verdicts.map((v) => v.model)).toEqual(['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge']);
    expect(view.verdicts.map((v) => v.icon)).toEqual(['✅', '❌', '❌', '❌', '❌']);
    expect(view.verdicts[0]).toMatchObject({ label: 'virtual machines', recommended: true, reason: 'Windows Server runs as it is' });
    expect(view.verdicts[4]?.reason).toBe('');
  });

  it('fills in a model the ranking left out, from verdicts, and gives it a cost row after the ranked ones', () => {
    const view = toRecommendationView({ ...faasPick, ranking: faasPick.ranking.slice(0, 3) });
    expect(view.verdicts).toHaveLength(5);
    expect(view.verdicts.map((v) => v.model).sort()).toEqual([...MODELS].sort());
    expect(view.cost.rows.map((r) => r.model)).toEqual(view.verdicts.map((v) => v.model));
  });

  it('maps icons: optimal/good ✅, caution ⚠️, unsuitable ❌', () => {
    expect([verdictIcon('optimal'), verdictIcon('good'), verdictIcon('caution'), verdictIcon('unsuitable')]).toEqual([
      '✅',
      '✅',
      '⚠️',
      '❌',
    ]);
  });

  it('puts the reasons for the pick first, then "Not <model>: <reason>" for each runner-up, with sources', () => {
    const view = toRecommendationView(faasPick);
    expect(view.why.map((w) => w.text)).toEqual([
      'Bursty traffic: capacity sized for the peak sits idle; serverless scales with each burst.',
      'Peaks far above the baseline.',
      'No local state: instances can be added and removed freely.',
      'Not serverless containers: scales out in seconds',
      'Not containers: auto-scales',
    ]);
    expect(view.why[0]).toEqual({
      ruleId: 'traffic_bursty',
      text: faasPick.decidingRules[0]!.reason,
      source: 'CIOPages, "Compute Models Explained: VMs, Containers, and Serverless" (2025): Decision framework: bursty traffic (0-1000x)',
    });
    expect(
      toRecommendationView(wasmEdgePick)
        .why.slice(2)
        .map((w) => w.text),
    ).toEqual([
      'Not containers: single region: near users it takes a cluster per region and global routing',
      'Not serverless containers: single region: near users it takes a deployment per region behind a global load balancer',
    ]);
    // no runner-up: every line is a reason for the pick
    expect(toRecommendationView(vmPick).why.every((w) => !w.text.startsWith('Not '))).toBe(true);
  });

  it('lower-cases only an ordinary first word after "Not <model>:", never an acronym', () => {
    const against = (reason: string) =>
      toRecommendationView({ ...faasPick, decidingRules: [{ ...faasPick.decidingRules[3]!, reason }] }).why[0]?.text;
    expect(against('Costs 2.26× what functions (FaaS) does here')).toBe(
      'Not serverless containers: costs 2.26× what functions (FaaS) does here',
    );
    expect(against('AWS Fargate has no GPUs')).toBe('Not serverless containers: AWS Fargate has no GPUs');
    expect(against('A run is too long')).toBe('Not serverless containers: a run is too long');
    expect(against('P99 targets below 100 ms')).toBe('Not serverless containers: P99 targets below 100 ms');
  });

  it('has a cost row per model in ranking order, with the monthly figure, commitment and sizing', () => {
    const { rows } = toRecommendationView(faasPick).cost;
    expect(rows.map((r) => [r.model, r.monthly, r.alternatives])).toEqual([
      ['faas', '$16', ''],
      ['serverless_containers', '$36', ''],
      ['containers', '$183', '$143 with a 1-year commitment'],
      ['wasm_edge', '$7.55', ''],
      ['vm', '$589', '$371 with a 1-year commitment'],
    ]);
    expect(rows.map((r) => r.model)).toEqual(faasPick.ranking.map((r) => r.model));
    expect(rows[0]).toMatchObject({ label: 'functions (FaaS)', basis: faasPick.costEstimates[3]!.basis, runnable: true, priced: true });
  });

  it('shows "cannot run it" with the reason for a model a hard limit rules out', () => {
    const { rows } = toRecommendationView(vmPick).cost;
    expect(rows.map((r) => [r.model, r.monthly, r.runnable, r.priced])).toEqual([
      ['vm', '$2,196', true, true],
      ['containers', '$2,339', true, true],
      ['serverless_containers', 'cannot run it', false, false],
      ['faas', 'cannot run it', false, false],
      ['wasm_edge', 'cannot run it', false, false],
    ]);
    expect(rows[3]).toMatchObject({
      alternatives: '',
      basis: "cannot run it: needs more memory than Azure Functions Flex Consumption's 4 GB",
    });
    expect(toRecommendationView(wasmEdgePick).cost.rows.find((r) => r.model === 'faas')).toMatchObject({
      monthly: 'cannot run it',
      runnable: false,
    });
  });

  it('adds a spot figure after the commitment, and says "no figure" for a model that could not be priced', () => {
    const rec: Recommendation = {
      ...faasPick,
      costEstimates: faasPick.costEstimates.map((e) =>
        e.model === 'vm'
          ? { ...e, spotMonthlyUsd: 212.4 }
          : e.model === 'containers'
            ? {
                ...e,
                monthlyUsd: null,
                committedMonthlyUsd: null,
                basis: 'no machine in the aws price table holds one instance of 2,930 GB',
              }
            : e,
      ),
    };
    const { rows } = toRecommendationView(rec).cost;
    expect(rows.find((r) => r.model === 'vm')?.alternatives).toBe('$371 with a 1-year commitment; $212 on spot capacity');
    expect(rows.find((r) => r.model === 'containers')).toMatchObject({
      monthly: 'no figure',
      alternatives: '',
      runnable: true,
      priced: false,
      basis: 'no machine in the aws price table holds one instance of 2,930 GB',
    });
  });

  it('keeps the rows, with their reasons, when a volume was given but no model could be priced', () => {
    const rec: Recommendation = {
      ...vmPick,
      costEstimates: vmPick.costEstimates.map((e) =>
        e.notRunnable
          ? e
          : {
              ...e,
              monthlyUsd: null,
              committedMonthlyUsd: null,
              basis: 'no machine in the azure price table holds one instance of 2,930 GB',
            },
      ),
    };
    const { rows } = toRecommendationView(rec).cost;
    expect(rows.map((r) => r.monthly)).toEqual(['no figure', 'no figure', 'cannot run it', 'cannot run it', 'cannot run it']);
    expect(rows[0]?.basis).toBe('no machine in the azure price table holds one instance of 2,930 GB');
  });

  it('leaves out the core’s per-model lines and keeps the notes: the break-even, then the assumptions', () => {
    expect(toRecommendationView(faasPick).cost.notes).toEqual([FAAS_BREAK_EVEN, FAAS_ASSUMPTIONS]);
    expect(toRecommendationView(vmPick).cost.notes).toEqual([VM_ASSUMPTIONS]);
    expect(toRecommendationView(wasmEdgePick).cost.notes).toEqual([WASM_ASSUMPTIONS]);
  });

  it('has no rows without a volume, and the notes say why', () => {
    const cost = toRecommendationView(noVolumeRecommendation()).cost;
    expect(cost.rows).toEqual([]);
    expect(cost.notes).toEqual([NO_VOLUME_NOTICE, FAAS_ASSUMPTIONS]);
  });

  it('passes warnings through, in order, and has none when the core gave none', () => {
    const view = toRecommendationView(vmPick);
    expect(view.warnings).toEqual(vmPick.warnings);
    expect(view.warnings[0]).toBe(VM_WARNING);
    expect(view.warnings).not.toBe(vmPick.warnings);
    expect(toRecommendationView(faasPick).warnings).toEqual([]);
  });

  it('says what the advice was based on, marking every value a default stood in for', () => {
    expect(toRecommendationView(faasPick).basedOn).toEqual([
      'API',
      'bursty traffic, peaks 100×',
      '3 requests/s',
      '200 ms per request',
      'p99 target 1 s',
      '512 MB (assumed)',
      'Node.js',
      'AWS (assumed)',
    ]);
    expect(toRecommendationView(vmPick).basedOn).toEqual([
      'legacy app',
      'steady traffic, peaks 1.5× (assumed)',
      '40 requests/s',
      '2 s per request',
      'p99 target 500 ms',
      '16 GB',
      'data on local disk',
      'Windows Server',
      'local NVMe',
      'strict isolation',
      '.NET',
      'no container skills',
      'Azure',
    ]);
    expect(toRecommendationView(wasmEdgePick).basedOn).toEqual([
      'API',
      'variable traffic, peaks 4×',
      '120 requests/s',
      '10 ms per request',
      'p99 target 50 ms',
      '64 MB',
      'Rust',
      'strong container skills',
      'multi-cloud',
      'must run at the edge',
      'AWS (assumed)',
    ]);
  });

  it('reads jobs, missing volumes and the new answers (cluster, retries) in "Based on your answers"', () => {
    const job = basedOnParts({
      profile: {
        ...vmPick.profile,
        kind: 'batch_job',
        avgRequestsPerSecond: undefined,
        runsPerDay: 24,
        durationSeconds: 600,
        existingCluster: true,
        interruptible: true,
        cloud: 'gcp',
      },
      inputs: { profile: vmPick.profile, defaultsApplied: [] },
    });
    expect(job).toEqual(
      expect.arrayContaining(['24 runs a day', '10 minutes per run', 'existing Kubernetes cluster', 'runs can be retried', 'Google Cloud']),
    );
    expect(job).not.toContain('Google Cloud (assumed)');
    expect(toRecommendationView(noVolumeRecommendation()).basedOn).toContain('no volume given');
  });

  it('passes cold-start advice through, empty when there is none', () => {
    expect(toRecommendationView(faasPick).coldStartAdvice).toHaveLength(2);
    expect(toRecommendationView(vmPick).coldStartAdvice).toEqual([]);
  });

  it('says so when no single answer would change the result', () => {
    expect(toRecommendationView({ ...vmPick, whatWouldChange: [] }).whatWouldChange).toEqual([NOTHING_WOULD_CHANGE]);
  });

  it('puts the rules version and review id in the footer', () => {
    expect(toRecommendationView(faasPick, { reviewId: 'r_9' }).footer).toEqual({
      rulesVersion: '2026.12.0+4707f7b4079e',
      reviewId: 'r_9',
      text: 'Rules 2026.12.0+4707f7b4079e · Review r_9',
    });
    expect(toRecommendationView(faasPick).footer.text).toBe('Rules 2026.12.0+4707f7b4079e');
  });

  it('offers every model for "Record the decision"', () => {
    expect(toRecommendationView(faasPick).decisionOptions.map((o) => o.model)).toEqual([...MODELS]);
  });

  it('names the new sections', () => {
    expect(SECTION_TITLES.warnings).toBe('Check these answers');
    expect(SECTION_TITLES.basedOn).toBe('Based on your answers');
  });
});

describe('capItems', () => {
  it('keeps short lists and sums up the rest of long ones', () => {
    expect(capItems(['a', 'b'], 3)).toEqual(['a', 'b']);
    expect(capItems(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c']);
    expect(capItems(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a', 'b', '…and 3 more']);
  });
});

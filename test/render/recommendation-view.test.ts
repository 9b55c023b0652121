import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/core/models.js';
import { WorkloadProfileSchema } from '../../src/core/profile.js';
import {
  NOTHING_WOULD_CHANGE,
  capItems,
  toRecommendationView,
  verdictIcon,
} from '../../src/render/recommendation-view.js';
import { NASTY_NAME, RECOMMENDATION_FIXTURES, faasPick, vmPick, wasmEdgePick } from '../fixtures/recommendations/index.js';

describe('fixtures', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s has a schema-valid profile and a consistent ranking', (_name, rec) => {
    expect(() => WorkloadProfileSchema.parse(rec.profile)).not.toThrow();
    expect(rec.ranking[0]?.model).toBe(rec.recommended);
    expect(new Set(rec.ranking.map((r) => r.model))).toEqual(new Set(MODELS));
    for (const r of rec.ranking) expect(rec.verdicts[r.model]).toBe(r.verdict);
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
    expect(view.verdicts.map((v) => v.icon)).toEqual(['✅', '⚠️', '❌', '❌', '❌']);
    expect(view.verdicts[0]).toMatchObject({ label: 'virtual machines', recommended: true, reason: vmPick.ranking[0]?.reasons[0] });
    expect(view.verdicts[4]?.reason).toBe('');
  });

  it('fills in a model the ranking left out, from verdicts', () => {
    const view = toRecommendationView({ ...faasPick, ranking: faasPick.ranking.slice(0, 3) });
    expect(view.verdicts).toHaveLength(5);
    expect(view.verdicts.map((v) => v.model).sort()).toEqual([...MODELS].sort());
  });

  it('maps icons: optimal/good ✅, caution ⚠️, unsuitable ❌', () => {
    expect([verdictIcon('optimal'), verdictIcon('good'), verdictIcon('caution'), verdictIcon('unsuitable')]).toEqual(['✅', '✅', '⚠️', '❌']);
  });

  it('carries why with sources', () => {
    const view = toRecommendationView(faasPick);
    expect(view.why).toHaveLength(3);
    expect(view.why[0]).toEqual({ ruleId: 'bursty_traffic_favours_scale_to_zero', text: faasPick.decidingRules[0]?.reason, source: '003_4dcfcbf0e208f4dd.txt' });
  });

  it('passes the core’s cost caveat lines through as they are, in order, figures and break-even included', () => {
    const view = toRecommendationView(faasPick);
    expect(view.costCaveats).toEqual(faasPick.costCaveats);
    expect(view.costCaveats).not.toBe(faasPick.costCaveats);
    expect(view.costCaveats[0]).toBe('Functions (FaaS): about $15/month (7.8M requests x 200 ms x 512 MB, after the free tier).');
    expect(view.costCaveats[3]).toMatch(/^Break-even: above about 7\.2 requests\/s on average, /);
    expect(view.costCaveats.at(-1)).toMatch(/^Assumptions: /);
    // nothing restates a figure or the break-even next to the core's lines
    expect(view.costCaveats.filter((l) => l.includes('$15/month'))).toHaveLength(1);
    expect(toRecommendationView(vmPick).costCaveats.some((l) => l.startsWith('Break-even'))).toBe(false);
    expect(toRecommendationView({ ...faasPick, costCaveats: [] }).costCaveats).toEqual([]);
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
      rulesVersion: '2026.1+3f9c2a1b',
      reviewId: 'r_9',
      text: 'Rules 2026.1+3f9c2a1b · Review r_9',
    });
    expect(toRecommendationView(faasPick).footer.text).toBe('Rules 2026.1+3f9c2a1b');
  });

  it('offers every model for "Record the decision"', () => {
    expect(toRecommendationView(faasPick).decisionOptions.map((o) => o.model)).toEqual([...MODELS]);
  });
});

describe('capItems', () => {
  it('keeps short lists and sums up the rest of long ones', () => {
    expect(capItems(['a', 'b'], 3)).toEqual(['a', 'b']);
    expect(capItems(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c']);
    expect(capItems(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a', 'b', '…and 3 more']);
  });
});

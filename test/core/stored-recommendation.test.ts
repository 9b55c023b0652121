import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recommend } from '../../src/core/recommend.js';
import { readStoredRecommendation } from '../../src/core/stored-recommendation.js';
import { renderRecommendationCard } from '../../src/render/adaptive-card.js';
import { renderRecommendationBlocks } from '../../src/render/block-kit.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderPlainText } from '../../src/render/plain-text.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import { content, profileOf, REPO_ROOT } from './decision-helpers.js';

/** A recommendation as an earlier version stored it: no warnings, inputs, runner-up, clouds or notRunnable. */
const older = JSON.parse(
  readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'recommendations', 'stored-older-shape.json'), 'utf8'),
) as unknown;

describe('reading a stored recommendation', () => {
  it('a result in today’s shape comes back as it was stored', () => {
    const rec = recommend(content, profileOf({ avgRequestsPerSecond: 3 }));
    expect(readStoredRecommendation(JSON.parse(JSON.stringify(rec)))).toEqual(rec);
  });

  it('an older result keeps its advice and gains neutral values for what it lacks', () => {
    const upgraded = readStoredRecommendation(older)!;
    expect(upgraded.recommended).toBe('faas');
    expect(upgraded.rulesVersion).toBe('2026.1+3f9c2a1b');
    expect(upgraded.warnings).toEqual([]);
    expect(upgraded.inputs.defaultsApplied).toEqual([]);
    expect(upgraded.profile.cloud).toBe('aws');
    expect(upgraded.costEstimates.map((e) => e.model)).toEqual(['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge']);
    expect(upgraded.decidingRules.every((r) => r.role === 'for_pick' && r.model === 'faas')).toBe(true);
  });

  it('an older result renders in every format (Slack share, Teams, reviews show, the playground)', () => {
    const view = toRecommendationView(readStoredRecommendation(older)!, { reviewId: 'r_old' });
    expect(renderPlainText(view)).toContain('Recommended: functions (FaaS), optimal');
    expect(renderMarkdown(view)).toMatch(/Recommended: functions \\?\(FaaS\\?\), optimal/);
    expect(renderRecommendationBlocks(view, { actions: true }).blocks.length).toBeGreaterThan(3);
    expect(renderRecommendationCard(view, { actions: true }).body.length).toBeGreaterThan(3);
  });

  it('something that is not a recommendation reads as nothing', () => {
    for (const value of [
      null,
      42,
      'x',
      [],
      {},
      { recommended: 'faas' },
      { recommended: 'faas', verdicts: {}, ranking: [], profile: { name: '' } },
    ]) {
      expect(readStoredRecommendation(value)).toBeUndefined();
    }
  });
});

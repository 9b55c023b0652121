import { describe, expect, it } from 'vitest';
import { renderRecommendationCard } from '../../src/render/adaptive-card.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import { NASTY_NAME, RECOMMENDATION_FIXTURES, VM_NASTY_NAME, faasPick, oversizedRecommendation, vmPick } from '../fixtures/recommendations/index.js';
import {
  CARD_SIZE_BUDGET_BYTES,
  cardSizeBytes,
  parserErrors,
  schemaErrors,
  validateAdaptiveCard,
} from './helpers/adaptive-card-validate.js';
import { cardMarkdownTexts, nodesOfType, submitActions } from './helpers/walk.js';

const CHANGE_OPTIONS = [
  { questionId: 'kind', label: 'What kind of workload' },
  { questionId: 'duration_seconds', label: 'How long one request takes' },
];

function render(rec = faasPick, actions = true, changeOptions = CHANGE_OPTIONS) {
  return renderRecommendationCard(toRecommendationView(rec, { reviewId: 'r_01J9ZK' }), { actions, changeOptions });
}

describe('the validation helpers themselves', () => {
  it('catch a schema violation and a parser error', () => {
    expect(schemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }).length).toBeGreaterThan(0);
    expect(parserErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] })).toEqual([
      expect.stringMatching(/UnknownElementType/),
    ]);
    expect(parserErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] })).toEqual([
      expect.stringMatching(/DuplicateId/),
    ]);
  });
});

describe('renderRecommendationCard', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s: valid against the 1.5 schema, parses cleanly, under 28 KB', (_n, rec) => {
    for (const card of [render(rec, true), render(rec, false), render(rec, true, [])]) {
      expect(validateAdaptiveCard(card)).toEqual([]);
    }
  });

  it('stays valid and under 28 KB with oversized content', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ questionId: `q_${i}`, label: `Question ${i} ${'long '.repeat(40)}` }));
    const card = render(oversizedRecommendation(), true, many);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardSizeBytes(card)).toBeLessThan(CARD_SIZE_BUDGET_BYTES);
    expect(cardMarkdownTexts(card)).toContain('• …and 5 more');
  });

  it('is an Adaptive Card 1.5 with the schema URL', () => {
    const card = render();
    expect(card).toMatchObject({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5' });
  });

  it('gives the answer first: title, then the coloured headline and the summary', () => {
    const [title, headline, summary] = render().body as Array<{ text: string; color?: string }>;
    expect(title?.text).toBe('Compute review: <!channel\\> \\*bold\\* <@U123\\> <https://evil|click\\> & "quotes"');
    expect(headline).toMatchObject({ text: 'Recommended: functions \\(FaaS\\), optimal', color: 'good' });
    expect(summary?.text).toBe(faasPick.summary);
  });

  it('escapes Markdown and Teams mentions from user text (VM pick)', () => {
    const texts = cardMarkdownTexts(render(vmPick));
    const title = texts[0] ?? '';
    expect(title).toBe(
      'Compute review: \\_legacy\\_ \\~old\\~ \\`x\\` \\[x\\]\\(https://evil\\) \u2039at\u203aAdmin\u2039/at\u203a \\#1 @here | cell',
    );
    for (const t of texts) expect(t).not.toMatch(/<\s*\/?\s*at\b/i);
    expect(JSON.stringify(render(vmPick))).not.toContain(VM_NASTY_NAME);
    expect(JSON.stringify(render())).not.toContain(NASTY_NAME);
  });

  it('shows a verdict row for every model', () => {
    const rows = nodesOfType(render(vmPick), 'ColumnSet');
    expect(rows).toHaveLength(5);
    const texts = rows.map((r) => cardMarkdownTexts(r).join(' | '));
    expect(texts[0]).toBe('✅ | **virtual machines**: optimal. Windows Server, local NVMe and strict isolation all point to VMs.');
    expect(texts[4]).toBe('❌ | **WebAssembly at the edge**: unsuitable');
  });

  it('has why, cost, cold start only when given, what would change, and the footer', () => {
    const ids = (card: ReturnType<typeof render>) => nodesOfType(card, 'Container').map((c) => c.id);
    expect(ids(render(faasPick, false))).toEqual(['verdicts', 'why', 'cost', 'cold_start', 'what_would_change']);
    expect(ids(render(vmPick, false))).toEqual(['verdicts', 'why', 'cost', 'what_would_change']);
    expect(ids(render({ ...faasPick, costCaveats: [] }, false))).toEqual(['verdicts', 'why', 'cold_start', 'what_would_change']);
    const texts = cardMarkdownTexts(render(faasPick, false));
    expect(texts.at(-1)).toBe('Rules 2026.1+3f9c2a1b · Review r\\_01J9ZK');
    expect(texts).toContain('• Bursty traffic \\(peak 20x baseline\\) favours models that scale to zero. _(003\\_4dcfcbf0e208f4dd.txt)_');
  });

  it('shows the core’s cost caveat lines as escaped bullets, in order, and nothing else', () => {
    const cost = nodesOfType(render(faasPick, false), 'Container').find((c) => c.id === 'cost');
    const texts = cardMarkdownTexts(cost);
    expect(texts).toHaveLength(1 + faasPick.costCaveats.length);
    expect(texts[0]).toBe('Cost caveats');
    expect(texts[1]).toBe('• Functions \\(FaaS\\): about $15/month \\(7.8M requests x 200 ms x 512 MB, after the free tier\\).');
    expect(texts[4]).toMatch(/^• Break-even: above about 7\.2 requests\/s on average, /);
    expect(texts[5]).toMatch(/^• Assumptions: us-east-1 list prices/);
    expect(nodesOfType(render(), 'FactSet')).toEqual([]);
  });

  it('offers change an answer and record the decision as submits carrying the review id', () => {
    const card = render();
    expect(submitActions(card)).toEqual([
      { title: 'Change answer', data: { ca: 'change_answer', reviewId: 'r_01J9ZK' } },
      { title: 'Record decision', data: { ca: 'record_decision', reviewId: 'r_01J9ZK' } },
    ]);
    const inputs = nodesOfType(card, 'Input.ChoiceSet');
    expect(inputs.map((i) => i.id)).toEqual(['questionId', 'chosenModel']);
    expect(inputs[0]?.choices).toEqual([
      { title: 'What kind of workload', value: 'kind' },
      { title: 'How long one request takes', value: 'duration_seconds' },
    ]);
    expect((inputs[1]!.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge']);
  });

  it('has no inputs or submits when actions are off, and no change input without questions', () => {
    expect(submitActions(render(faasPick, false))).toEqual([]);
    expect(nodesOfType(render(faasPick, false), 'Input.ChoiceSet')).toEqual([]);
    expect(nodesOfType(render(faasPick, true, []), 'Input.ChoiceSet').map((i) => i.id)).toEqual(['chosenModel']);
  });

  it('refuses actions without a review id', () => {
    expect(() => renderRecommendationCard(toRecommendationView(faasPick), { actions: true })).toThrow(/reviewId/);
  });
});

import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../src/core/recommendation.js';
import { CARD_BUDGET_BYTES, renderRecommendationCard } from '../../src/render/adaptive-card.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import {
  LONG_ASSUMPTIONS,
  NASTY_NAME,
  NO_VOLUME_NOTICE,
  RECOMMENDATION_FIXTURES,
  VM_NASTY_NAME,
  faasPick,
  noVolumeRecommendation,
  oversizedRecommendation,
  vmPick,
  wasmEdgePick,
} from '../fixtures/recommendations/index.js';
import { adaptiveCardProblems } from '../security/helpers/inert.js';
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

function render(rec: Recommendation = faasPick, actions = true, changeOptions = CHANGE_OPTIONS) {
  return renderRecommendationCard(toRecommendationView(rec, { reviewId: 'r_01J9ZK' }), { actions, changeOptions });
}

type Node = Record<string, unknown>;
const containerIds = (card: unknown) => nodesOfType(card, 'Container').map((c) => c.id);
const container = (card: unknown, id: string) => nodesOfType(card, 'Container').find((c) => c.id === id);
/** The cost table's rows as cell texts. */
const tableRows = (card: unknown) =>
  (nodesOfType(card, 'TableRow') as Array<{ cells: Node[] }>).map((row) => row.cells.map((cell) => cardMarkdownTexts(cell).join(' | ')));

const ALL: ReadonlyArray<readonly [string, Recommendation]> = [
  ...RECOMMENDATION_FIXTURES,
  ['oversized', oversizedRecommendation()],
  ['no volume', noVolumeRecommendation()],
];

describe('the validation helpers themselves', () => {
  it('catch a schema violation and a parser error', () => {
    expect(schemaErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock' }] }).length).toBeGreaterThan(0);
    expect(parserErrors({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] })).toEqual([
      expect.stringMatching(/UnknownElementType/),
    ]);
    expect(
      parserErrors({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'a' },
        ],
      }),
    ).toEqual([expect.stringMatching(/DuplicateId/)]);
  });

  it('catch a malformed Table (the cost table’s element)', () => {
    expect(
      schemaErrors({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'Table', columns: [{ width: 1 }], rows: [{ type: 'TableRow', cells: 'x' }] }],
      }).length,
    ).toBeGreaterThan(0);
  });
});

describe('renderRecommendationCard', () => {
  it.each(ALL)('%s: valid against the 1.5 schema, parses cleanly, under 28 KB', (_n, rec) => {
    for (const card of [render(rec, true), render(rec, false), render(rec, true, [])]) {
      expect(validateAdaptiveCard(card)).toEqual([]);
    }
  });

  it.each(ALL)('%s: every text inert: no <at> tag, link, mention entity or control character', (_n, rec) => {
    expect(adaptiveCardProblems(render(rec))).toEqual([]);
  });

  it('stays valid and under 28 KB with oversized content and 100 long questions, summing up long lists', () => {
    for (const questions of [40, 100, 150]) {
      const many = Array.from({ length: questions }, (_, i) => ({ questionId: `q_${i}`, label: `Question ${i} ${'long '.repeat(40)}` }));
      const card = render(oversizedRecommendation(), true, many);
      expect(validateAdaptiveCard(card), `${questions} questions`).toEqual([]);
      expect(cardSizeBytes(card)).toBeLessThan(CARD_SIZE_BUDGET_BYTES);
    }
    // over the renderer's budget, the card is built again with shorter lists: three items and a summing-up line
    const card = render(oversizedRecommendation(), true, []);
    expect(cardMarkdownTexts(container(card, 'warnings')).slice(1)).toHaveLength(4);
    expect(cardMarkdownTexts(container(card, 'warnings')).at(-1)).toBe('• …and 5 more');
    expect(cardMarkdownTexts(container(card, 'what_would_change')).at(-1)).toBe('• …and 7 more');
    expect(cardMarkdownTexts(container(card, 'cost')).at(-1)).toBe('• …and 9 more');
  });

  it('keeps real cards under the renderer’s own budget, so they are never shortened', () => {
    for (const [, rec] of RECOMMENDATION_FIXTURES) {
      const many = Array.from({ length: 25 }, (_, i) => ({
        questionId: `q_${i}`,
        label: `Question ${i}: how many requests a second at the peak?`,
      }));
      expect(cardSizeBytes(render(rec, true, many))).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    }
    // a long (but real) list keeps six items
    const rec = { ...faasPick, whatWouldChange: Array.from({ length: 8 }, (_, i) => `If answer ${i} changed, containers would lead.`) };
    expect(cardMarkdownTexts(container(render(rec), 'what_would_change')).at(-1)).toBe('• …and 3 more');
  });

  it('is an Adaptive Card 1.5 with the schema URL', () => {
    expect(render()).toMatchObject({ $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5' });
  });

  it('gives the answer first: title, then the coloured headline and the summary', () => {
    const [title, headline, summary] = render().body as Array<{ text: string; color?: string }>;
    expect(title?.text).toBe('Compute review: <!channel\\> \\*bold\\* <@U123\\> <https://evil|click\\> & "quotes"');
    expect(headline).toMatchObject({ text: 'Recommended: functions \\(FaaS\\), optimal', color: 'good' });
    expect(summary?.text).toBe(
      'Functions \\(FaaS\\) fit best: bursty traffic: capacity sized for the peak sits idle; serverless scales with each burst.',
    );
  });

  it('escapes Markdown and Teams mentions from user text (VM pick)', () => {
    const texts = cardMarkdownTexts(render(vmPick));
    expect(texts[0]).toBe(
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
    expect(texts[0]).toBe('✅ | **virtual machines**: optimal. Windows Server runs as it is');
    expect(texts[4]).toBe('❌ | **WebAssembly at the edge**: unsuitable');
  });

  it('has warnings (when given), verdicts, why, cost, cold start (when given), what would change, based-on and the footer', () => {
    expect(containerIds(render(faasPick, false))).toEqual(['verdicts', 'why', 'cost', 'cold_start', 'what_would_change']);
    expect(containerIds(render(vmPick, false))).toEqual(['warnings', 'verdicts', 'why', 'cost', 'what_would_change']);
    const texts = cardMarkdownTexts(render(faasPick, false));
    expect(texts.at(-2)).toMatch(/^\*\*Based on your answers:\*\* /);
    expect(texts.at(-1)).toBe('Rules 2026.12.0+4707f7b4079e · Review r\\_01J9ZK');
  });

  it('puts the warnings near the top, in a warning-styled container, escaped', () => {
    const card = render(vmPick, false);
    const index = card.body.findIndex((el) => 'id' in el && el.id === 'warnings');
    expect(index).toBe(3); // after the title, the headline and the summary
    const warnings = container(card, 'warnings');
    expect(warnings?.style).toBe('warning');
    expect(cardMarkdownTexts(warnings)).toEqual([
      'Check these answers',
      '• The p99 target \\(500 ms\\) is shorter than one request takes \\(2 s\\): one of the two answers is probably off.',
      '• Check the isolation answer: \\[docs\\]\\(https://evil.example\\) \u2039at\u203aAdmin\u2039/at\u203a @here | cell \\*b\\* \\_i\\_ \\`c\\`',
    ]);
    expect(container(render(faasPick), 'warnings')).toBeUndefined();
  });

  it('ends "Why" with the runners-up: "Not <model>: <reason>", with sources', () => {
    const why = cardMarkdownTexts(container(render(faasPick), 'why'));
    expect(why[0]).toBe('Why');
    expect(why[1]).toBe(
      '• Bursty traffic: capacity sized for the peak sits idle; serverless scales with each burst. ' +
        '_(CIOPages, "Compute Models Explained: VMs, Containers, and Serverless" \\(2025\\): Decision framework: bursty traffic \\(0-1000x\\))_',
    );
    expect(why[4]).toMatch(/^• Not serverless containers: scales out in seconds _\(CIOPages, /);
    expect(why[5]).toMatch(/^• Not containers: auto-scales _\(/);
  });

  it('shows the costs as a 1.5 Table: a header row, then one row per model in ranking order', () => {
    const card = render(faasPick, false);
    const [table] = nodesOfType(card, 'Table');
    expect(table).toMatchObject({ id: 'cost_table', firstRowAsHeader: true });
    expect(table?.columns).toHaveLength(3);
    const rows = tableRows(table);
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['Model', 'A month'],
      ['functions \\(FaaS\\)', '$16'],
      ['serverless containers', '$36'],
      ['containers', '$183\n\n$143 with a 1-year commitment'],
      ['WebAssembly at the edge', '$7.55'],
      ['virtual machines', '$589\n\n$371 with a 1-year commitment'],
    ]);
    expect(rows[0]?.[2]).toBe('How it was sized');
    // the sizing, its hostile text inert
    expect(rows[1]?.[2]).toBe(
      '7.88M requests × 200 ms at 512 MB; after the free tier; init phase of 1% cold starts billed; + Amazon API Gateway HTTP API $7.88 ' +
        '<!here\\> <@U0ADMIN\\> <https://evil.example|pricing\\> & \\~strike\\~',
    );
    expect(cardMarkdownTexts(container(card, 'cost'))[0]).toBe('Cost caveats (a month, list prices)');
  });

  it('says "cannot run it" in the table for models a hard limit rules out', () => {
    const rows = tableRows(nodesOfType(render(vmPick), 'Table')[0]);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['virtual machines', '$2,196\n\n$1,736 with a 1-year commitment'],
      ['containers', '$2,339\n\n$1,850 with a 1-year commitment'],
      ['serverless containers', 'cannot run it'],
      ['functions \\(FaaS\\)', 'cannot run it'],
      ['WebAssembly at the edge', 'cannot run it'],
    ]);
    expect(rows[4]?.[2]).toBe("cannot run it: needs more memory than Azure Functions Flex Consumption's 4 GB");
  });

  it('lists the notes after the table, escaped: the break-even, then the assumptions, in full', () => {
    const texts = cardMarkdownTexts(container(render(faasPick), 'cost'));
    const notes = texts.filter((t) => t.startsWith('• '));
    expect(notes).toEqual([
      '• Break-even: above about 5.65 requests/s on average, serverless containers cost less than functions at 512 MB and 200 ms each \\(both about $36/month there\\). This workload, at 3 requests/s, is below it.',
      expect.stringMatching(/^• Assumptions: AWS us-east-1 .*rough figures to compare models, not a quote\.$/),
    ]);
  });

  it('keeps the longest assumptions line whole, down to "not a quote."', () => {
    const rec = { ...faasPick, costCaveats: [...faasPick.costCaveats.slice(0, -1), LONG_ASSUMPTIONS], costAssumptions: LONG_ASSUMPTIONS };
    const last = cardMarkdownTexts(container(render(rec), 'cost')).at(-1);
    expect(last?.replace(/\\/g, '')).toBe(`• ${LONG_ASSUMPTIONS}`);
  });

  it('has no table without a volume, only the notice and the assumptions', () => {
    const card = render(noVolumeRecommendation(), false);
    expect(nodesOfType(card, 'Table')).toEqual([]);
    expect(cardMarkdownTexts(container(card, 'cost'))).toEqual([
      'Cost caveats',
      `• ${NO_VOLUME_NOTICE}`,
      expect.stringMatching(/^• Assumptions: /),
    ]);
  });

  it('says what the advice was based on, "(assumed)" on the defaults', () => {
    const texts = cardMarkdownTexts(render(faasPick, false));
    expect(texts).toContain(
      '**Based on your answers:** API · bursty traffic, peaks 100× · 3 requests/s · 200 ms per request · p99 target 1 s · 512 MB \\(assumed\\) · Node.js · AWS \\(assumed\\)',
    );
  });

  it('keeps ANSI codes, line breaks and block syntax from the wasm pick on one escaped line', () => {
    const texts = cardMarkdownTexts(container(render(wasmEdgePick), 'what_would_change'));
    expect(texts[2]).toBe(
      '• If it did not have to run at the edge, containers would lead. wiped \\# heading \\> quote - item 1. list evil',
    );
    expect(nodesOfType(render(faasPick), 'FactSet')).toEqual([]);
  });

  it('offers change an answer, record the decision and export the ADR as submits carrying the review id', () => {
    const card = render();
    expect(submitActions(card)).toEqual([
      { title: 'Change answer', data: { ca: 'change_answer', reviewId: 'r_01J9ZK' } },
      { title: 'Record decision', data: { ca: 'record_decision', reviewId: 'r_01J9ZK' } },
      { title: 'Export ADR', data: { ca: 'export_adr', reviewId: 'r_01J9ZK' } },
    ]);
    const inputs = nodesOfType(card, 'Input.ChoiceSet');
    expect(inputs.map((i) => i.id)).toEqual(['questionId', 'chosenModel']);
    expect(inputs[0]?.choices).toEqual([
      { title: 'What kind of workload', value: 'kind' },
      { title: 'How long one request takes', value: 'duration_seconds' },
    ]);
    expect((inputs[1]!.choices as Array<{ value: string }>).map((c) => c.value)).toEqual([
      'vm',
      'containers',
      'serverless_containers',
      'faas',
      'wasm_edge',
    ]);
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

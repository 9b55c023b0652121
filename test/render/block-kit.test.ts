import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../../src/core/recommendation.js';
import { SLACK_ACTION_IDS } from '../../src/render/action-ids.js';
import { decodeActionValue } from '../../src/render/action-value.js';
import { renderRecommendationBlocks } from '../../src/render/block-kit.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { SLACK_LIMITS } from '../../src/render/slack-limits.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import {
  FAAS_BREAK_EVEN,
  LONG_ASSUMPTIONS,
  NASTY_NAME,
  NO_VOLUME_NOTICE,
  RECOMMENDATION_FIXTURES,
  VM_WARNING,
  faasPick,
  noVolumeRecommendation,
  oversizedRecommendation,
  vmPick,
  wasmEdgePick,
} from '../fixtures/recommendations/index.js';
import { blockKitProblems } from '../security/helpers/inert.js';
import { isInertMrkdwn, nodesOfType, slackTexts } from './helpers/walk.js';

const CHANGE_OPTIONS = [
  { questionId: 'kind', label: 'What kind of workload' },
  { questionId: 'duration_seconds', label: 'How long one request takes' },
];

function render(rec: Recommendation = faasPick, actions = true, changeOptions = CHANGE_OPTIONS) {
  return renderRecommendationBlocks(toRecommendationView(rec, { reviewId: 'r_01J9ZK' }), { actions, changeOptions });
}

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: Array<{ type: string; text: string }>;
  elements?: Array<{ text: string }>;
};
const blockOf = (rec: Recommendation, blockId: string) => (render(rec, false).blocks as Block[]).find((b) => b.block_id === blockId);
const sectionText = (rec: Recommendation, blockId: string) => blockOf(rec, blockId)?.text?.text;
const ids = (rec: Recommendation, actions = true) => (render(rec, actions).blocks as Block[]).map((b) => b.block_id ?? b.type);

const ALL: ReadonlyArray<readonly [string, Recommendation]> = [
  ...RECOMMENDATION_FIXTURES,
  ['oversized', oversizedRecommendation()],
  ['no volume', noVolumeRecommendation()],
];

describe('renderRecommendationBlocks', () => {
  it.each(ALL)('%s: within every Block Kit limit, with and without actions', (_n, rec) => {
    expect(checkBlockKitLimits(render(rec, true), 'message')).toEqual([]);
    expect(checkBlockKitLimits(render(rec, false), 'message')).toEqual([]);
  });

  it.each(ALL)('%s: every text inert (mrkdwn, plain_text, fallback), every mrkdwn verbatim', (_n, rec) => {
    const msg = render(rec);
    expect(blockKitProblems(msg)).toEqual([]);
    for (const text of [msg.text, ...slackTexts(msg.blocks, 'mrkdwn')]) expect(isInertMrkdwn(text)).toBe(true);
    expect(msg.text).not.toMatch(/<!|<@|<http/);
  });

  it('stays within limits for oversized content and 150 questions, summing up long lists', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ questionId: `q_${i}`, label: `Question ${i} ${'long '.repeat(30)}` }));
    const msg = render(oversizedRecommendation(), true, many);
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    const texts = slackTexts(msg.blocks, 'mrkdwn');
    expect(texts.find((t) => t.startsWith('*Why*'))).toContain('\n• …and 3 more');
    expect(texts.find((t) => t.startsWith('*⚠️ Check these answers*'))?.endsWith('\n• …and 3 more')).toBe(true);
    // 12 notes: five shown, then the rest summed up
    const notes = texts.find((t) => /^\*(Break-even and assumptions|Assumptions)\*/.test(t)) ?? '';
    expect(notes.split('\n• ')).toHaveLength(7);
    expect(notes.endsWith('\n• …and 7 more')).toBe(true);
    // five models, two fields each: the most a section holds, each field within 2000 characters
    const table = (msg.blocks as Block[]).find((b) => b.block_id === 'rec_cost_table');
    expect(table?.fields).toHaveLength(SLACK_LIMITS.sectionFields);
    for (const f of table?.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionFieldText);
    expect(table?.fields?.[0]?.text).toBe(
      '*functions (FaaS)*\n$493,827,156/month\n$395,061,728 with a 1-year commitment; $182,715,605 on spot capacity',
    );
  });

  it('puts the name in a plain_text header, which Slack never parses', () => {
    const [header] = render().blocks;
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: `Compute review: ${NASTY_NAME}`, emoji: true } });
  });

  it('gives the answer first: headline bold, then the summary', () => {
    expect(sectionText(faasPick, 'rec_headline')).toBe(`*Recommended: functions (FaaS), optimal*\n${faasPick.summary}`);
  });

  it('has one verdict line per model with icon, bold label, verdict and first reason', () => {
    const verdicts = sectionText(vmPick, 'rec_verdicts')?.split('\n') ?? [];
    expect(verdicts).toHaveLength(5);
    expect(verdicts[0]).toBe('✅ *virtual machines*: optimal. Windows Server runs as it is');
    expect(verdicts[4]).toBe('❌ *WebAssembly at the edge*: unsuitable');
  });

  it('orders the blocks as the card: warnings right after the verdicts, cost table and notes, based-on before the footer', () => {
    expect(ids(faasPick)).toEqual([
      'header',
      'rec_headline',
      'rec_verdicts',
      'divider',
      'rec_why',
      'rec_cost_table',
      'rec_cost',
      'rec_cold_start',
      'rec_what_would_change',
      'rec_based_on',
      'rec_footer',
      'rec_actions',
    ]);
    expect(ids(vmPick, false)).toEqual([
      'header',
      'rec_headline',
      'rec_verdicts',
      'rec_warnings',
      'divider',
      'rec_why',
      'rec_cost_table',
      'rec_cost',
      'rec_what_would_change',
      'rec_based_on',
      'rec_footer',
    ]);
    expect(ids(noVolumeRecommendation(), false)).not.toContain('rec_cost_table');
  });

  it('lists the warnings, escaped, under a heading that asks to check them', () => {
    expect(sectionText(vmPick, 'rec_warnings')).toBe(
      `*⚠️ Check these answers*\n• ${VM_WARNING}\n` +
        '• Check the isolation answer: [docs](https://evil.example) &lt;at&gt;Admin&lt;/at&gt; @\u200bhere | cell \u2217b\u2217 \u02cdi\u02cd \u02cbc\u02cb',
    );
    expect(blockOf(faasPick, 'rec_warnings')).toBeUndefined();
  });

  it('ends "Why" with the runners-up: "Not <model>: <reason>"', () => {
    const why = sectionText(faasPick, 'rec_why')?.split('\n') ?? [];
    expect(why[0]).toBe('*Why*');
    expect(why).toHaveLength(6);
    expect(why[4]).toMatch(/^• Not serverless containers: scales out in seconds _\(CIOPages, /);
    expect(why[5]).toMatch(/^• Not containers: auto-scales _\(/);
  });

  it('puts the cost table into one section: a pair of fields per model, in ranking order', () => {
    const table = blockOf(faasPick, 'rec_cost_table');
    expect(table?.text?.text).toBe('*Cost caveats* (a month, list prices)');
    const fields = table?.fields ?? [];
    expect(fields).toHaveLength(10);
    expect(fields.every((f) => f.type === 'mrkdwn')).toBe(true);
    expect(fields.filter((_, i) => i % 2 === 0).map((f) => f.text)).toEqual([
      '*functions (FaaS)*\n$16/month',
      '*serverless containers*\n$36/month',
      '*containers*\n$183/month\n$143 with a 1-year commitment',
      '*WebAssembly at the edge*\n$7.55/month',
      '*virtual machines*\n$589/month\n$371 with a 1-year commitment',
    ]);
    // the sizing in italics, its hostile text inert
    expect(fields[1]?.text).toBe(
      '_7.88M requests × 200 ms at 512 MB; after the free tier; init phase of 1% cold starts billed; + Amazon API Gateway HTTP API $7.88 ' +
        '&lt;!here&gt; &lt;@U0ADMIN&gt; &lt;https://evil.example|pricing&gt; &amp; \u223cstrike\u223c_',
    );
    expect(fields[5]?.text).toBe(
      '_1 pod on average (1 vCPU each, 30% headroom, at least one) on m7i.large (2 vCPU, 8 GB) nodes (2 per node) + Amazon EKS (standard support) control plane $73 and one m7i.large system node $74_',
    );
  });

  it('says "cannot run it" (no "/month") for models a hard limit rules out, with the reason', () => {
    const fields = blockOf(vmPick, 'rec_cost_table')?.fields?.map((f) => f.text) ?? [];
    expect(fields.filter((_, i) => i % 2 === 0)).toEqual([
      '*virtual machines*\n$2,196/month\n$1,736 with a 1-year commitment',
      '*containers*\n$2,339/month\n$1,850 with a 1-year commitment',
      '*serverless containers*\ncannot run it',
      '*functions (FaaS)*\ncannot run it',
      '*WebAssembly at the edge*\ncannot run it',
    ]);
    expect(fields[7]).toBe("_cannot run it: needs more memory than Azure Functions Flex Consumption's 4 GB_");
    // an underscore inside a word (an instance type) is kept, so it stays copyable
    expect(fields[1]).toContain('Standard_D32s_v5');
  });

  it('says "no figure" without "/month" for a model that could not be priced', () => {
    const rec: Recommendation = {
      ...faasPick,
      costEstimates: faasPick.costEstimates.map((e) =>
        e.model === 'vm' ? { ...e, monthlyUsd: null, committedMonthlyUsd: null, basis: 'no machine holds it' } : e,
      ),
    };
    expect(blockOf(rec, 'rec_cost_table')?.fields?.[8]?.text).toBe('*virtual machines*\nno figure');
  });

  it('lists the notes after the table: the break-even, then the assumptions, in full', () => {
    expect(sectionText(faasPick, 'rec_cost')).toBe(`*Break-even and assumptions*\n• ${FAAS_BREAK_EVEN}\n• ${faasPick.costAssumptions}`);
    // With no break-even, the notes are the assumptions alone, and say so.
    expect(sectionText(vmPick, 'rec_cost')).toBe(`*Assumptions*\n• ${vmPick.costAssumptions}`);
  });

  it('keeps the longest assumptions line whole, down to "not a quote."', () => {
    // 432 characters: longer than a list item may be elsewhere on the card
    const rec = { ...faasPick, costCaveats: [...faasPick.costCaveats.slice(0, -1), LONG_ASSUMPTIONS], costAssumptions: LONG_ASSUMPTIONS };
    expect(sectionText(rec, 'rec_cost')).toBe(`*Break-even and assumptions*\n• ${FAAS_BREAK_EVEN}\n• ${LONG_ASSUMPTIONS}`);
    expect(sectionText(rec, 'rec_cost')?.endsWith('not a quote.')).toBe(true);
  });

  it('shows only the notes, under "Cost caveats", without a volume', () => {
    expect(sectionText(noVolumeRecommendation(), 'rec_cost')).toBe(`*Cost caveats*\n• ${NO_VOLUME_NOTICE}\n• ${faasPick.costAssumptions}`);
  });

  it('says what the advice was based on in a context block, "(assumed)" on the defaults', () => {
    const basedOn = blockOf(faasPick, 'rec_based_on');
    expect(basedOn?.type).toBe('context');
    expect(basedOn?.elements).toHaveLength(1);
    expect(basedOn?.elements?.[0]?.text).toBe(
      '*Based on your answers:* API · bursty traffic, peaks 100× · 3 requests/s · 200 ms per request · p99 target 1 s · 512 MB (assumed) · Node.js · AWS (assumed)',
    );
  });

  it('shows every short list item in full, not cut by its position in the list', () => {
    expect(sectionText(wasmEdgePick, 'rec_cold_start')).toBe(
      `*Cold-start advice*\n${wasmEdgePick.coldStartAdvice.map((l) => `• ${l}`).join('\n')}`,
    );
    expect(sectionText(faasPick, 'rec_what_would_change')).toBe(
      `*What would change the answer*\n${faasPick.whatWouldChange.map((l) => `• ${l}`).join('\n')}`,
    );
  });

  it('keeps ANSI codes, line breaks and block syntax from the wasm pick on one list line', () => {
    expect(sectionText(wasmEdgePick, 'rec_what_would_change')?.split('\n')[2]).toBe(
      '• If it did not have to run at the edge, containers would lead. wiped # heading &gt; quote - item 1. list evil',
    );
  });

  it('ends with the footer: rules version and review id', () => {
    const footer = render(faasPick, false).blocks.at(-1);
    expect(footer).toMatchObject({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Rules 2026.12.0+4707f7b4079e · Review r_01J9ZK' }],
    });
  });

  it('offers change an answer, record the decision, share and export the ADR, each carrying the review id', () => {
    const actions = render().blocks.at(-1) as { type: string; elements: Array<Record<string, unknown>> };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => [e.type, e.action_id])).toEqual([
      ['static_select', SLACK_ACTION_IDS.changeAnswer],
      ['static_select', SLACK_ACTION_IDS.recordDecision],
      ['button', SLACK_ACTION_IDS.share],
      ['button', SLACK_ACTION_IDS.exportAdr],
    ]);
    const [change, record, share, exportAdr] = actions.elements as Array<{
      options?: Array<{ text: { text: string }; value: string }>;
      value?: string;
    }>;
    expect(change?.options?.map((o) => decodeActionValue(o.value))).toEqual([
      { r: 'r_01J9ZK', q: 'kind' },
      { r: 'r_01J9ZK', q: 'duration_seconds' },
    ]);
    expect(change?.options?.[1]?.text.text).toBe('How long one request takes');
    expect(record?.options?.map((o) => decodeActionValue(o.value)?.m)).toEqual([
      'vm',
      'containers',
      'serverless_containers',
      'faas',
      'wasm_edge',
    ]);
    expect(record?.options?.every((o) => decodeActionValue(o.value)?.r === 'r_01J9ZK')).toBe(true);
    expect(decodeActionValue(share?.value)).toEqual({ r: 'r_01J9ZK' });
    expect(share?.value).toBe('{"r":"r_01J9ZK"}');
    expect(exportAdr).toMatchObject({ text: { text: 'Export ADR' }, value: '{"r":"r_01J9ZK"}' });
  });

  it('leaves the change select out when there are no questions to change', () => {
    const actions = render(faasPick, true, []).blocks.at(-1) as { elements: Array<{ action_id: string }> };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      SLACK_ACTION_IDS.recordDecision,
      SLACK_ACTION_IDS.share,
      SLACK_ACTION_IDS.exportAdr,
    ]);
  });

  it('has no actions block when actions are off', () => {
    expect(nodesOfType(render(faasPick, false).blocks, 'actions')).toEqual([]);
  });

  it('refuses actions without a review id', () => {
    expect(() => renderRecommendationBlocks(toRecommendationView(faasPick), { actions: true })).toThrow(/reviewId/);
  });

  it('has an escaped notification fallback naming the recommendation', () => {
    expect(render().text).toBe(
      'Compute review: &lt;!channel&gt; ∗bold∗ &lt;@U123&gt; &lt;https://evil|click&gt; &amp; "quotes": Recommended: functions (FaaS), optimal.',
    );
  });
});

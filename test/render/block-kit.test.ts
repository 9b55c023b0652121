import { describe, expect, it } from 'vitest';
import { SLACK_ACTION_IDS } from '../../src/render/action-ids.js';
import { decodeActionValue } from '../../src/render/action-value.js';
import { renderRecommendationBlocks } from '../../src/render/block-kit.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import { NASTY_NAME, RECOMMENDATION_FIXTURES, faasPick, oversizedRecommendation, vmPick } from '../fixtures/recommendations/index.js';
import { isInertMrkdwn, nodesOfType, slackTexts } from './helpers/walk.js';

const CHANGE_OPTIONS = [
  { questionId: 'kind', label: 'What kind of workload' },
  { questionId: 'duration_seconds', label: 'How long one request takes' },
];

function render(rec = faasPick, actions = true, changeOptions = CHANGE_OPTIONS) {
  return renderRecommendationBlocks(toRecommendationView(rec, { reviewId: 'r_01J9ZK' }), { actions, changeOptions });
}

describe('renderRecommendationBlocks', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s: within every Block Kit limit, with and without actions', (_n, rec) => {
    expect(checkBlockKitLimits(render(rec, true), 'message')).toEqual([]);
    expect(checkBlockKitLimits(render(rec, false), 'message')).toEqual([]);
  });

  it('stays within limits for oversized content and 150 questions', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ questionId: `q_${i}`, label: `Question ${i} ${'long '.repeat(30)}` }));
    const msg = render(oversizedRecommendation(), true, many);
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    expect(slackTexts(msg.blocks, 'mrkdwn').find((t) => t.startsWith('*Why*'))).toContain('\n• …and 3 more');
    // 12 caveat lines: five shown, then the rest summed up
    const cost = slackTexts(msg.blocks, 'mrkdwn').find((t) => t.startsWith('*Cost caveats*')) ?? '';
    expect(cost.split('\n• ')).toHaveLength(7);
    expect(cost.endsWith('\n• …and 7 more')).toBe(true);
  });

  it.each(RECOMMENDATION_FIXTURES)('%s: user text is inert in every mrkdwn text and in the fallback', (_n, rec) => {
    const msg = render(rec);
    for (const text of [msg.text, ...slackTexts(msg.blocks, 'mrkdwn')]) expect(isInertMrkdwn(text)).toBe(true);
    expect(msg.text).not.toMatch(/<!|<@|<http/);
  });

  it('sets verbatim on every mrkdwn text so Slack does not auto-parse it', () => {
    const mrkdwn = nodesOfType(render().blocks, 'mrkdwn');
    expect(mrkdwn.length).toBeGreaterThan(5);
    for (const m of mrkdwn) expect(m.verbatim).toBe(true);
  });

  it('puts the name in a plain_text header, which Slack never parses', () => {
    const [header] = render().blocks;
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: `Compute review: ${NASTY_NAME}`, emoji: true } });
  });

  it('gives the answer first: headline bold, then the summary', () => {
    const headline = render().blocks[1] as { text: { text: string } };
    expect(headline.text.text).toBe(`*Recommended: functions (FaaS), optimal*\n${faasPick.summary}`);
  });

  it('has one verdict line per model with icon, bold label, verdict and first reason', () => {
    const verdicts = (render(vmPick).blocks[2] as { text: { text: string } }).text.text.split('\n');
    expect(verdicts).toHaveLength(5);
    expect(verdicts[0]).toBe('✅ *virtual machines*: optimal. Windows Server, local NVMe and strict isolation all point to VMs.');
    expect(verdicts[4]).toBe('❌ *WebAssembly at the edge*: unsuitable');
  });

  it('shows cold-start advice only when there is some', () => {
    const ids = (rec: typeof faasPick) => render(rec).blocks.map((b) => (b as { block_id?: string }).block_id);
    expect(ids(faasPick)).toContain('rec_cold_start');
    expect(ids(vmPick)).not.toContain('rec_cold_start');
    expect(ids(faasPick)).toEqual([
      undefined, // header
      'rec_headline',
      'rec_verdicts',
      undefined, // divider
      'rec_why',
      'rec_cost',
      'rec_cold_start',
      'rec_what_would_change',
      'rec_footer',
      'rec_actions',
    ]);
  });

  const sectionText = (rec: typeof faasPick, blockId: string) =>
    (render(rec, false).blocks.find((b) => (b as { block_id?: string }).block_id === blockId) as { text: { text: string } } | undefined)?.text.text;

  it('shows the core’s cost caveat lines as the cost section, in order, and leaves it out when there are none', () => {
    expect(sectionText(faasPick, 'rec_cost')).toBe(`*Cost caveats*\n${faasPick.costCaveats.map((l) => `• ${l}`).join('\n')}`);
    expect(sectionText(vmPick, 'rec_cost')).toMatch(/^\*Cost caveats\*\n• Virtual machines: about \$486\/month .*\n• Assumptions: /);
    expect(sectionText({ ...faasPick, costCaveats: [] }, 'rec_cost')).toBeUndefined();
  });

  it('shows every list item in full, not cut by its position in the list', () => {
    expect(sectionText(faasPick, 'rec_cold_start')).toBe(`*Cold-start advice*\n${faasPick.coldStartAdvice.map((l) => `• ${l}`).join('\n')}`);
    expect(sectionText(faasPick, 'rec_what_would_change')).toBe(
      `*What would change the answer*\n${faasPick.whatWouldChange.map((l) => `• ${l}`).join('\n')}`,
    );
  });

  it('ends with the footer: rules version and review id', () => {
    const footer = render(faasPick, false).blocks.at(-1);
    expect(footer).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Rules 2026.1+3f9c2a1b · Review r_01J9ZK' }] });
  });

  it('offers change an answer, record the decision and share, each carrying the review id', () => {
    const actions = render().blocks.at(-1) as { type: string; elements: Array<Record<string, unknown>> };
    expect(actions.type).toBe('actions');
    expect(actions.elements.map((e) => [e.type, e.action_id])).toEqual([
      ['static_select', SLACK_ACTION_IDS.changeAnswer],
      ['static_select', SLACK_ACTION_IDS.recordDecision],
      ['button', SLACK_ACTION_IDS.share],
    ]);
    const [change, record, share] = actions.elements as Array<{ options?: Array<{ text: { text: string }; value: string }>; value?: string }>;
    expect(change?.options?.map((o) => decodeActionValue(o.value))).toEqual([
      { r: 'r_01J9ZK', q: 'kind' },
      { r: 'r_01J9ZK', q: 'duration_seconds' },
    ]);
    expect(change?.options?.[1]?.text.text).toBe('How long one request takes');
    expect(record?.options?.map((o) => decodeActionValue(o.value)?.m)).toEqual(['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge']);
    expect(record?.options?.every((o) => decodeActionValue(o.value)?.r === 'r_01J9ZK')).toBe(true);
    expect(decodeActionValue(share?.value)).toEqual({ r: 'r_01J9ZK' });
    expect(share?.value).toBe('{"r":"r_01J9ZK"}');
  });

  it('leaves the change select out when there are no questions to change', () => {
    const actions = render(faasPick, true, []).blocks.at(-1) as { elements: Array<{ action_id: string }> };
    expect(actions.elements.map((e) => e.action_id)).toEqual([SLACK_ACTION_IDS.recordDecision, SLACK_ACTION_IDS.share]);
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

/** The digest's sign-off section: pending sign-offs, approvals of the week, decisions for another model than recommended. */
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build-digest.js';
import { renderDigestBlocks } from '../../src/digest/digest-blocks.js';
import { renderDigestCard } from '../../src/digest/digest-card.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { cardMarkdownTexts, slackTexts } from '../render/helpers/walk.js';
import { DAY, DEFAULT_VERDICTS, MINUTE, at, freshDb, seedReview, recordSignOff, type TestDb } from './helpers.js';

const END = at('2026-11-23T08:00:00Z');
const FROM = at('2026-11-16T08:00:00Z');
const NOW = END + 5 * MINUTE;
const target = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1', scope: 'channel', timeZone: 'Europe/Berlin' } as const;

type Seed = Parameters<typeof seedReview>[1];

async function completed(t: TestDb, name: string, extra: Partial<Seed> = {}) {
  return seedReview(t.store, { name, startedAt: FROM - 2 * DAY, completedAt: FROM - DAY, recommended: 'faas', ...extra });
}

async function seeded(platform: 'slack' | 'teams' = 'slack') {
  const t = await freshDb();
  const s = t.store;
  const threadRef = platform === 'teams' ? '19:abc@thread.tacv2;messageid=1' : undefined;
  const on = { platform, ...(threadRef ? { threadRef } : {}) };
  // one approver of two has approved: pending (1), and the approval counts this week
  const alpha = await completed(t, 'alpha', on);
  await s.signoffs.request(alpha.id, 'UANN', 'U1', FROM + DAY);
  await s.signoffs.request(alpha.id, 'UBEN', 'U1', FROM + DAY);
  await recordSignOff(t.store, alpha.id, 'UANN', 'approved', FROM + 2 * DAY);
  // fully approved this week: not pending
  const bravo = await completed(t, 'bravo', on);
  await s.signoffs.request(bravo.id, 'UCAT', 'U1', FROM - DAY);
  await recordSignOff(t.store, bravo.id, 'UCAT', 'approved', FROM + 3 * DAY);
  // changes requested: not pending, no approval
  const charlie = await completed(t, 'charlie', on);
  await s.signoffs.request(charlie.id, 'UDAN', 'U1', FROM);
  await recordSignOff(t.store, charlie.id, 'UDAN', 'changes_requested', FROM + DAY);
  // approved, then an answer changed and a new recommendation came: the approval lapsed, the sign-off is pending again
  const delta = await completed(t, 'delta', on);
  await s.signoffs.request(delta.id, 'UEVE', 'U1', FROM - 3 * DAY);
  await recordSignOff(t.store, delta.id, 'UEVE', 'approved', FROM + DAY);
  await s.recommendations.save(delta.id, 'test', 'containers', { recommended: 'containers', verdicts: DEFAULT_VERDICTS }, FROM + 2 * DAY);
  // approved the week before: not an approval of this week
  const echo = await completed(t, 'echo', on);
  await s.signoffs.request(echo.id, 'UFAY', 'U1', FROM - 3 * DAY);
  await recordSignOff(t.store, echo.id, 'UFAY', 'approved', FROM - DAY);
  // pending in another channel: not this channel's
  const other = await completed(t, 'other-channel', { ...on, channelId: 'C0CHAN2' });
  await s.signoffs.request(other.id, 'UGIL', 'U1', FROM);
  // decisions: another model than recommended, rated fine (listed); against the advice (its own list); as recommended
  await completed(t, 'foxtrot', { ...on, decisions: [{ chosen: 'containers', against: false, at: FROM + DAY, note: 'team knows k8s' }] });
  await completed(t, 'golf', { ...on, decisions: [{ chosen: 'wasm_edge', against: true, at: FROM + DAY }] });
  await completed(t, 'hotel', { ...on, decisions: [{ chosen: 'faas', against: false, at: FROM + DAY }] });
  await completed(t, 'india', { ...on, decisions: [{ chosen: 'vm', against: false, at: FROM - DAY }] }); // last week
  return t;
}

describe('the digest sign-off section', () => {
  it('lists pending sign-offs, approvals that stand from this week, and decisions for another model than recommended', async () => {
    const view = await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END });
    expect(view.signOff.pending.total).toBe(2);
    expect(view.signOff.pending.items.map((i) => [i.workloadName, i.pendingApprovers, i.waitingDays])).toEqual([
      ['delta', 1, 10],
      ['alpha', 1, 6],
    ]);
    expect(view.signOff.approved.items.map((i) => [i.workloadName, i.approverId, i.at])).toEqual([
      ['bravo', 'UCAT', FROM + 3 * DAY],
      ['alpha', 'UANN', FROM + 2 * DAY],
    ]);
    expect(view.signOff.decidedOtherwise.items).toMatchObject([
      { workloadName: 'foxtrot', chosen: { model: 'containers' }, recommended: { model: 'faas' }, note: 'team knows k8s' },
    ]);
    expect(view.againstAdvice.items.map((i) => i.workloadName)).toEqual(['golf']);
    expect(view.signOff.pending.items[0]!.link).toMatch(/^https:\/\/slack\.com\/archives\/C0CHAN1\/p\d+$/);
  });

  it('Slack: three sections within Block Kit limits, approvers mentioned', async () => {
    const msg = renderDigestBlocks(await buildDigest((await seeded()).digest, target, NOW, { periodEnd: END }));
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    expect(msg.blocks.length).toBeLessThanOrEqual(12);
    const texts = slackTexts(msg.blocks, 'mrkdwn');
    const section = (title: string) => texts.find((x) => x.startsWith(`*${title}*`));
    expect(section('Waiting for sign-off')).toMatch(
      /^\*Waiting for sign-off\* \(2\)\n• <[^|]+\|delta>: 1 approver still to act, asked 10 days ago\n/,
    );
    expect(section('Approved this week')).toMatch(
      /^\*Approved this week\* \(2\)\n• <[^|]+\|bravo>: approved by <@UCAT>\n• <[^|]+\|alpha>: approved by <@UANN>$/,
    );
    expect(section('Decided other than recommended')).toMatch(
      /^\*Decided other than recommended\* \(1\)\n• <[^|]+\|foxtrot>: chose containers; recommended was functions \(FaaS\)\. Note: “team knows k8s”$/,
    );
  });

  it('Teams: the same lists in a card that validates against Adaptive Cards 1.5', async () => {
    const view = await buildDigest((await seeded('teams')).digest, { ...target, platform: 'teams' }, NOW, { periodEnd: END });
    const card = renderDigestCard(view);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = cardMarkdownTexts(card);
    expect(texts).toContain('Waiting for sign-off (2)');
    expect(texts).toContain('• **delta**: 1 approver still to act, asked 10 days ago');
    expect(texts).toContain('Approved this week (2)');
    expect(texts).toContain('• **bravo**: approved');
    expect(texts).toContain('Decided other than recommended (1)');
  });

  it('a week with only a pending sign-off is not quiet', async () => {
    const t = await freshDb();
    const review = await completed(t, 'alpha', { completedAt: FROM - 30 * DAY, startedAt: FROM - 31 * DAY });
    await t.store.signoffs.request(review.id, 'UANN', 'U1', FROM - 29 * DAY);
    const view = await buildDigest(t.digest, target, NOW, { periodEnd: END });
    expect(view.isQuiet).toBe(false);
    expect(view.signOff.pending.total).toBe(1);
  });

  it('a week with only an approval is not quiet: the approval is listed', async () => {
    const t = await freshDb();
    const review = await completed(t, 'alpha', { completedAt: FROM - 30 * DAY, startedAt: FROM - 31 * DAY });
    await t.store.signoffs.request(review.id, 'UANN', 'U1', FROM - 29 * DAY);
    await recordSignOff(t.store, review.id, 'UANN', 'approved', FROM + DAY);
    const view = await buildDigest(t.digest, target, NOW, { periodEnd: END });
    expect(view.isQuiet).toBe(false);
    const texts = slackTexts(renderDigestBlocks(view).blocks, 'mrkdwn');
    expect(texts).toContainEqual(expect.stringMatching(/^\*Approved this week\* \(1\)\n• <[^|]+\|alpha>: approved by <@UANN>$/));
  });
});

import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build-digest.js';
import { renderDigestBlocks } from '../../src/digest/digest-blocks.js';
import { renderDigestCard } from '../../src/digest/digest-card.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { cardMarkdownTexts, isInertMrkdwn, slackTexts } from '../render/helpers/walk.js';
import { DAY, HOUR, MINUTE, at, freshDb, seedReview } from './helpers.js';

const END = at('2026-11-23T08:00:00Z');
const NOW = END + MINUTE;
const NASTY = '<!channel> <@U123> <https://x|y> &';
const LINKY = '[click](https://evil.example) *bold* _it_ <at>Alex</at>';
const target = { platform: 'slack', workspaceId: 'T1', channelId: 'C0CHAN1', scope: 'channel', timeZone: 'Europe/Berlin' } as const;

/** Our own Slack markup (thread links, channel mentions) taken out, so what is left must be inert. */
function withoutOwnMarkup(text: string): string {
  return text.replace(/<https:\/\/slack\.com\/archives\/C[A-Z0-9]+\/p\d+\|([^<>]*)>/g, '$1').replace(/<#C[A-Z0-9]+>/g, '');
}

async function busyWeek(options: { count?: number; nameLength?: number; platform?: 'slack' | 'teams' } = {}) {
  const t = await freshDb();
  const count = options.count ?? 60;
  for (let i = 0; i < count; i++) {
    const name = `${i % 2 === 0 ? NASTY : LINKY} ${'x'.repeat(options.nameLength ?? 0)} ${i}`;
    const completedAt = END - DAY - i * MINUTE;
    await seedReview(t.store, {
      name,
      platform: options.platform ?? 'slack',
      channelId: i % 3 === 0 ? 'C0CHAN1' : 'C0CHAN2',
      startedAt: completedAt - HOUR,
      completedAt,
      recommended: ['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'][i % 5]!,
      decisions: i % 2 === 0 ? [{ chosen: 'wasm_edge', against: true, at: completedAt + 1, note: `${NASTY} ${'note '.repeat(100)}` }] : [],
    });
    await seedReview(t.store, {
      name,
      platform: options.platform ?? 'slack',
      startedAt: END - 5 * DAY,
      lastActivityAt: END - 2 * DAY - i * MINUTE,
    });
  }
  return t;
}

describe('renderDigestBlocks', () => {
  it('stays within Block Kit limits for a busy workspace with long names, capping lists with "and N more"', async () => {
    const t = await busyWeek({ count: 80, nameLength: 400 });
    const view = await buildDigest(t.digest, { ...target, scope: 'workspace', audience: 'workspace' }, NOW, {
      periodEnd: END,
      listLimit: 25,
    });
    const msg = renderDigestBlocks(view);
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    expect(msg.blocks.length).toBeLessThanOrEqual(12);
    const texts = slackTexts(msg.blocks, 'mrkdwn');
    expect(texts.find((x) => x.startsWith('*Reviews completed* (80)'))).toMatch(/\n…and \d+ more$/);
    expect(texts.find((x) => x.startsWith('*Decided against the advice* (40)'))).toMatch(/…and \d+ more$/);
    expect(texts.find((x) => x.startsWith('*Stalled interviews'))).toMatch(/…and 7\d more$/);
  });

  it('keeps user text inert: no ping, mention or link from a workload name or note', async () => {
    const view = await buildDigest((await busyWeek({ count: 6 })).digest, { ...target, scope: 'workspace', audience: 'workspace' }, NOW, {
      periodEnd: END,
    });
    const msg = renderDigestBlocks(view);
    const texts = [msg.text, ...slackTexts(msg.blocks, 'mrkdwn'), ...slackTexts(msg.blocks, 'plain_text')];
    for (const text of texts) expect(isInertMrkdwn(withoutOwnMarkup(text))).toBe(true);
    const all = texts.join('\n');
    expect(all).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt; &amp;');
    expect(all).not.toMatch(/<!channel>|<@U123>|<https:\/\/x/);
    // our own links are there, with the escaped name as their text
    expect(all).toMatch(/<https:\/\/slack\.com\/archives\/C0CHAN1\/p\d+\|&lt;!channel&gt;/);
    expect(all).toContain('in <#C0CHAN2>');
    expect(msg).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it('shows the summary, the models and the change against the week before', async () => {
    const view = await buildDigest((await busyWeek({ count: 5 })).digest, { ...target, scope: 'workspace', audience: 'workspace' }, NOW, {
      periodEnd: END,
    });
    const msg = renderDigestBlocks(view);
    const texts = slackTexts(msg.blocks, 'mrkdwn');
    expect(texts).toContain('*Reviews completed*\n5 (+5 on the week before)');
    expect(texts).toContain('*Against the advice*\n3 (+3 on the week before)');
    expect(texts.find((x) => x.startsWith('*Recommended models*'))).toBe(
      '*Recommended models*\n• virtual machines: 1 (20%; +1)\n• containers: 1 (20%; +1)\n• serverless containers: 1 (20%; +1)\n• functions (FaaS): 1 (20%; +1)\n• WebAssembly at the edge: 1 (20%; +1)',
    );
    expect(msg.text).toBe('Weekly compute digest: 5 reviews completed, 3 decisions against the advice, 5 interviews stalled.');
  });

  it('says so in a quiet week', async () => {
    const msg = renderDigestBlocks(await buildDigest((await freshDb()).digest, target, NOW));
    expect(slackTexts(msg.blocks, 'mrkdwn')).toContain(
      'A quiet week: no reviews started or completed, no decisions recorded, nothing in progress.',
    );
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
  });
});

describe('renderDigestCard', () => {
  it('is a valid Adaptive Card 1.5 within the size budget for a busy week', async () => {
    const view = await buildDigest(
      (await busyWeek({ count: 80, nameLength: 400, platform: 'teams' })).digest,
      { ...target, platform: 'teams', scope: 'workspace', audience: 'workspace' },
      NOW,
      {
        periodEnd: END,
        listLimit: 25,
      },
    );
    const card = renderDigestCard(view);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardMarkdownTexts(card).some((x) => /^…and \d+ more$/.test(x))).toBe(true);
  });

  it('is valid for a quiet week and for a Slack-linked week', async () => {
    expect(validateAdaptiveCard(renderDigestCard(await buildDigest((await freshDb()).digest, target, NOW)))).toEqual([]);
    expect(
      validateAdaptiveCard(renderDigestCard(await buildDigest((await busyWeek({ count: 4 })).digest, target, NOW, { periodEnd: END }))),
    ).toEqual([]);
  });

  it('keeps user text inert: no mention, no link, no markup from a name or note', async () => {
    const view = await buildDigest(
      (await busyWeek({ count: 4, platform: 'teams' })).digest,
      { ...target, platform: 'teams', scope: 'workspace', audience: 'workspace' },
      NOW,
      {
        periodEnd: END,
      },
    );
    const texts = cardMarkdownTexts(renderDigestCard(view));
    const all = texts.join('\n');
    expect(all).not.toMatch(/<at>/i);
    expect(all).toContain('\\[click\\]\\(https://evil.example\\) \\*bold\\* \\_it\\_');
    expect(all).not.toMatch(/(?<!\\)\[click/);
    // every unescaped markdown link is one of ours (Teams has none)
    expect(all).not.toMatch(/(?<!\\)\]\(/);
  });
});

describe('the lenses in the digest footer', () => {
  const LENSES = [
    { name: 'acme-platform', version: '1.2.0' },
    { name: 'northbank-data', version: '3.0.1-rc.1' },
  ];

  it('Slack: named after compute-advice as on the cards; nothing when no lens is on', async () => {
    const footer = async (lenses?: typeof LENSES) =>
      slackTexts(
        renderDigestBlocks(await buildDigest((await freshDb()).digest, target, NOW, lenses ? { lenses } : {})).blocks,
        'mrkdwn',
      ).at(-1);
    expect(await footer(LENSES)).toBe(
      'compute-advice · Lenses acme-platform 1.2.0, northbank-data 3.0.1-rc.1 · `digest off` stops this digest, `digest preview` shows the week so far',
    );
    expect(await footer(LENSES.slice(0, 1))).toMatch(/^compute-advice · Lens acme-platform 1\.2\.0 · `digest off`/);
    expect(await footer()).toMatch(/^compute-advice · `digest off`/);
  });

  it('Teams: the same words in the card footer, the card still valid', async () => {
    const card = renderDigestCard(await buildDigest((await freshDb()).digest, { ...target, platform: 'teams' }, NOW, { lenses: LENSES }));
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardMarkdownTexts(card).at(-1)).toBe(
      'compute-advice · Lenses acme-platform 1.2.0, northbank-data 3.0.1-rc.1 · "digest off" stops this digest, "digest preview" shows the week so far',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { readStoredRecommendation } from '../../src/core/stored-recommendation.js';
import type { Recommendation } from '../../src/core/recommendation.js';
import { renderRecommendationCard } from '../../src/render/adaptive-card.js';
import { renderRecommendationBlocks } from '../../src/render/block-kit.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderPlainText } from '../../src/render/plain-text.js';
import { safeLinkUrl, toRecommendationView } from '../../src/render/recommendation-view.js';
import { blockKitProblems } from '../slack/helpers/sent-messages.js';
import { validateAdaptiveCard } from './helpers/adaptive-card-validate.js';
import { faasPick } from '../fixtures/recommendations/index.js';

/** Lens text is operator-supplied: a title that tries every format's markup, a URL that tries to end a link early. */
const HOSTILE = {
  title: 'Golden *path* _now_ <!channel> [x](https://evil.example) | <at>Boss</at>',
  url: 'https://wiki.example/a path(1)|x?q=<b>&r="1"',
};

const lensed: Recommendation = {
  ...faasPick,
  lenses: [{ name: 'acme-platform', version: '1.2.0' }],
  links: { faas: [HOSTILE, { title: 'Runbook', url: 'https://wiki.example/runbook' }] },
};

describe('lens links and the lens footer on every surface', () => {
  const view = toRecommendationView(lensed, { reviewId: 'r-1' });

  it('the view carries each link under its model with a URL no link syntax can be broken by', () => {
    const links = view.verdicts.find((v) => v.model === 'faas')!.links;
    expect(links.map((l) => l.url)).toEqual([
      'https://wiki.example/a%20path%281%29%7Cx?q=%3Cb%3E&r=%221%22',
      'https://wiki.example/runbook',
    ]);
    expect(view.verdicts.find((v) => v.model === 'vm')!.links).toEqual([]);
    expect(view.footer.text).toBe(`Rules ${lensed.rulesVersion} · Lens acme-platform 1.2.0 · Review r-1`);
  });

  it('drops a link that is not https, whatever is stored', () => {
    expect(safeLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('http://wiki.example')).toBeUndefined();
    expect(safeLinkUrl('not a url')).toBeUndefined();
  });

  it('plain text: under the model, as typed', () => {
    const text = renderPlainText(view);
    expect(text).toContain('     → Runbook: https://wiki.example/runbook\n');
    expect(text).toMatch(/Lens acme-platform 1\.2\.0 · Review r-1\n$/);
  });

  it('Markdown: escaped titles, one link each', () => {
    const md = renderMarkdown(view);
    expect(md).toContain(
      '[Golden \\*path\\* \\_now\\_ \\<!channel\\> \\[x\\]\\(https://evil.example\\) \\| \\<at\\>Boss\\</at\\>](https://wiki.example/a%20path%281%29%7Cx?q=%3Cb%3E&r=%221%22) · [Runbook](https://wiki.example/runbook)',
    );
    expect(md.match(/\]\(https:\/\/evil/g)).toBeNull();
  });

  it('Slack: a context block under the verdicts, titles escaped, no mention, within Block Kit limits', () => {
    const { blocks } = renderRecommendationBlocks(view, { actions: true });
    const links = blocks.find((b) => b.block_id === 'rec_links_faas') as { elements: Array<{ text: string }> };
    const text = links.elements[0]!.text;
    expect(text).toContain('<https://wiki.example/a%20path%281%29%7Cx?q=%3Cb%3E&amp;r=%221%22|Golden ∗path∗ ˍnowˍ &lt;!channel&gt;');
    expect(text).toContain('|Runbook>');
    expect(text).not.toContain('<!channel>');
    expect(blocks.findIndex((b) => b.block_id === 'rec_links_faas')).toBe(blocks.findIndex((b) => b.block_id === 'rec_verdicts') + 1);
    expect(blockKitProblems([{ method: 'chat.postMessage', params: { blocks }, authorized: true, status: 200, at: 0 }])).toEqual([]);
  });

  it("Teams: a line under the model's verdict, titles escaped, a valid card", () => {
    const card = renderRecommendationCard(view, { actions: true });
    expect(validateAdaptiveCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('(https://wiki.example/a%20path%281%29%7Cx?q=%3Cb%3E&r=%221%22)');
    expect(json).toContain('\\\\[x\\\\]\\\\(https://evil.example\\\\)');
    expect(json).not.toContain('<at>Boss');
  });

  it('survive storage: a stored recommendation keeps its lenses and https links, and drops anything else', () => {
    const stored = JSON.parse(
      JSON.stringify({ ...lensed, links: { ...lensed.links, vm: [{ title: 'x', url: 'ftp://x' }], mainframe: [] } }),
    );
    const read = readStoredRecommendation(stored)!;
    expect(read.lenses).toEqual(lensed.lenses);
    expect(read.links).toEqual(lensed.links);
    expect(readStoredRecommendation(JSON.parse(JSON.stringify(faasPick)))!.links).toBeUndefined();
  });
});

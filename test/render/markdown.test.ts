import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import { RECOMMENDATION_FIXTURES, faasPick, vmPick, wasmEdgePick } from '../fixtures/recommendations/index.js';

const render = (rec: Parameters<typeof toRecommendationView>[0]) => renderMarkdown(toRecommendationView(rec, { reviewId: 'r_1' }));

describe('renderMarkdown', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s: a heading, a bold headline and a five-row verdict table', (_n, rec) => {
    const out = render(rec);
    expect(out.startsWith('## Compute review: ')).toBe(true);
    expect(out).toMatch(/\n\*\*Recommended: .+, (optimal|good|caution|unsuitable)\*\*\n/);
    const rows = out.split('\n').filter((l) => /^\| (✅|⚠️|❌) \|/.test(l));
    expect(rows).toHaveLength(5);
    // every row has exactly four cells: no user text added a pipe
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
  });

  it('keeps Slack and link syntax in the name inert (FaaS pick)', () => {
    const heading = render(faasPick).split('\n')[0];
    expect(heading).toBe(
      '## Compute review: \\<!channel\\> \\*bold\\* \\<@\u200bU123\\> \\<https://evil\\|click\\> \\& "quotes"',
    );
  });

  it('keeps Markdown, Teams and GitHub syntax in the name inert (VM pick)', () => {
    const out = render(vmPick);
    const heading = out.split('\n')[0] ?? '';
    expect(heading).not.toMatch(/(^|[^\\])\[|\]\(/);
    expect(heading).not.toMatch(/(^|[^\\])<at>/);
    expect(heading).toContain('@\u200bhere');
    expect(heading).toContain('\\_legacy\\_ \\~old\\~ \\`x\\`');
    expect(out).not.toContain('### Cold-start advice');
  });

  it('cannot let a name with newlines open a block (wasm pick)', () => {
    const out = render(wasmEdgePick);
    expect(out.split('\n')[0]).toBe('## Compute review: edge-resizer # heading \\> quote - item');
    expect(out).toContain('### Cold-start advice');
  });

  it('has the sections in card order and a footer', () => {
    const out = render(faasPick);
    const order = ['### Verdicts', '### Why', '### Cost caveats', '### Cold-start advice', '### What would change the answer', '<sub>Rules'];
    const positions = order.map((h) => out.indexOf(h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('- Bursty traffic \\(peak 20x baseline\\) favours models that scale to zero. _(source: 003\\_4dcfcbf0e208f4dd.txt)_');
    expect(out).toContain('<sub>Rules 2026.1+3f9c2a1b · Review r\\_1</sub>');
  });

  it('lists the core’s cost caveat lines, escaped, in order, and leaves the section out when there are none', () => {
    const out = render(faasPick);
    const section = out.slice(out.indexOf('### Cost caveats'), out.indexOf('### Cold-start advice'));
    const items = section.split('\n').filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(faasPick.costCaveats.length);
    expect(items[0]).toBe('- Functions \\(FaaS\\): about $15/month \\(7.8M requests x 200 ms x 512 MB, after the free tier\\).');
    expect(items[3]).toMatch(/^- Break-even: above about 7\.2 requests\/s on average, /);
    expect(items[4]).toMatch(/^- Assumptions: us-east-1 list prices/);
    expect(render({ ...faasPick, costCaveats: [] })).not.toContain('### Cost caveats');
  });
});

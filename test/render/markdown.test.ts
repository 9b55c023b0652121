import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import {
  NO_VOLUME_NOTICE,
  RECOMMENDATION_FIXTURES,
  faasPick,
  noVolumeRecommendation,
  oversizedRecommendation,
  vmPick,
  wasmEdgePick,
} from '../fixtures/recommendations/index.js';
import { markdownProblems } from '../security/helpers/inert.js';

const render = (rec: Parameters<typeof toRecommendationView>[0]) => renderMarkdown(toRecommendationView(rec, { reviewId: 'r_1' }));

/** The lines of one section, from its heading to the next heading or rule. */
function section(out: string, title: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(`### ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && (l.startsWith('### ') || l === '---'));
  return lines.slice(start + 1, end).filter((l) => l !== '');
}

/** A table row's cells, split on unescaped pipes. */
const cells = (row: string) =>
  row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((c) => c.trim());

describe('renderMarkdown', () => {
  it.each([
    ...RECOMMENDATION_FIXTURES,
    ['oversized', oversizedRecommendation()] as const,
    ['no volume', noVolumeRecommendation()] as const,
  ])('%s: a heading, a bold headline, a five-row verdict table, and every user text inert', (_n, rec) => {
    const out = render(rec);
    expect(out.startsWith('## Compute review: ')).toBe(true);
    expect(out).toMatch(/\n\*\*Recommended: .+, (optimal|good|caution|unsuitable)\*\*\n/);
    const rows = out.split('\n').filter((l) => /^\| (✅|⚠️|❌) \|/.test(l));
    expect(rows).toHaveLength(5);
    // no link, HTML, mention, heading or quote we did not write; every table row keeps exactly four cells
    expect(markdownProblems(out)).toEqual([]);
  });

  it('keeps Slack and link syntax in the name inert (FaaS pick)', () => {
    const heading = render(faasPick).split('\n')[0];
    expect(heading).toBe('## Compute review: \\<!channel\\> \\*bold\\* \\<@\u200bU123\\> \\<https://evil\\|click\\> \\& "quotes"');
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
    // the hostile what-would-change line stays one list item
    expect(section(out, 'What would change the answer')[1]).toBe(
      '- If it did not have to run at the edge, containers would lead. wiped # heading \\> quote - item 1. list evil',
    );
  });

  it('has the sections in card order, warnings first, and a footer', () => {
    const out = render(vmPick);
    const order = [
      '**Recommended: virtual machines, optimal**',
      '### Check these answers',
      '### Verdicts',
      '### Why',
      '### Cost caveats',
      '### What would change the answer',
      '### Based on your answers',
      '<sub>Rules',
    ];
    const positions = order.map((h) => out.indexOf(h));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('<sub>Rules 2026.12.0+4707f7b4079e · Review r\\_1</sub>');
    expect(render(faasPick)).not.toContain('### Check these answers');
  });

  it('lists the warnings, escaped', () => {
    expect(section(render(vmPick), 'Check these answers')).toEqual([
      '- The p99 target \\(500 ms\\) is shorter than one request takes \\(2 s\\): one of the two answers is probably off.',
      '- Check the isolation answer: \\[docs\\]\\(https://evil.example\\) \\<at\\>Admin\\</at\\> @\u200bhere \\| cell \\*b\\* \\_i\\_ \\`c\\`',
    ]);
  });

  it('ends "Why" with the runners-up: "Not <model>: <reason>", with sources', () => {
    const why = section(render(faasPick), 'Why');
    expect(why).toHaveLength(5);
    expect(why[0]).toBe(
      '- Bursty traffic: capacity sized for the peak sits idle; serverless scales with each burst. ' +
        '_(source: CIOPages, "Compute Models Explained: VMs, Containers, and Serverless" \\(2025\\): Decision framework: bursty traffic \\(0-1000x\\))_',
    );
    expect(why[3]).toMatch(/^- Not serverless containers: scales out in seconds _\(source: /);
    expect(why[4]).toMatch(/^- Not containers: auto-scales _\(source: /);
  });

  it('prints the cost table in ranking order, with figures, commitments and sizing, then the notes', () => {
    const lines = section(render(faasPick), 'Cost caveats');
    expect(lines.slice(0, 2)).toEqual(['| Model | A month | Commitment / spot | How it was sized |', '|---|---:|---|---|']);
    const rows = lines.slice(2, 7).map(cells);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['functions \\(FaaS\\)', '\\$16', ''],
      ['serverless containers', '\\$36', ''],
      ['containers', '\\$183', '\\$143 with a 1-year commitment'],
      ['WebAssembly at the edge', '\\$7.55', ''],
      ['virtual machines', '\\$589', '\\$371 with a 1-year commitment'],
    ]);
    // the hostile text in a basis stays inside its cell, inert
    expect(rows[0]?.[3]).toBe(
      '7.88M requests × 200 ms at 512 MB; after the free tier; init phase of 1% cold starts billed; + Amazon API Gateway HTTP API \\$7.88 ' +
        '\\<!here\\> \\<@\u200bU0ADMIN\\> \\<https://evil.example\\|pricing\\> \\& \\~strike\\~',
    );
    expect(lines.slice(7)).toEqual([
      '- Break-even: above about 5.65 requests/s on average, serverless containers cost less than functions at 512 MB and 200 ms each \\(both about \\$36/month there\\). This workload, at 3 requests/s, is below it.',
      expect.stringMatching(/^- Assumptions: AWS us-east-1 .*rough figures to compare models, not a quote\.$/),
    ]);
  });

  it('says "cannot run it" in the table for models a hard limit rules out', () => {
    const rows = section(render(vmPick), 'Cost caveats')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Model'))
      .map(cells);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['virtual machines', '\\$2,196', '\\$1,736 with a 1-year commitment'],
      ['containers', '\\$2,339', '\\$1,850 with a 1-year commitment'],
      ['serverless containers', 'cannot run it', ''],
      ['functions \\(FaaS\\)', 'cannot run it', ''],
      ['WebAssembly at the edge', 'cannot run it', ''],
    ]);
    expect(rows[3]?.[3]).toBe("cannot run it: needs more memory than Azure Functions Flex Consumption's 4 GB");
  });

  it('has no cost table without a volume, only the notice and the assumptions', () => {
    const lines = section(render(noVolumeRecommendation()), 'Cost caveats');
    expect(lines.some((l) => l.startsWith('|'))).toBe(false);
    expect(lines).toEqual([`- ${NO_VOLUME_NOTICE}`, expect.stringMatching(/^- Assumptions: /)]);
  });

  it('says what the advice was based on, "(assumed)" on the defaults', () => {
    expect(section(render(faasPick), 'Based on your answers')).toEqual([
      'API · bursty traffic, peaks 100× · 3 requests/s · 200 ms per request · p99 target 1 s · 512 MB \\(assumed\\) · Node.js · AWS \\(assumed\\)',
    ]);
  });

  it('escapes $ so a name cannot start GitHub math', () => {
    const out = render({ ...faasPick, profile: { ...faasPick.profile, name: 'cost $\\color{red}{x}$ api' } });
    expect(out.split('\n')[0]).toBe('## Compute review: cost \\$\\\\color\\{red\\}\\{x\\}\\$ api');
    expect(markdownProblems(out)).toEqual([]);
  });
});

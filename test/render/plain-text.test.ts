import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_WIDTH, displayWidth, renderPlainText, wrapLine } from '../../src/render/plain-text.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import {
  FAAS_ASSUMPTIONS,
  FAAS_BREAK_EVEN,
  NASTY_NAME,
  NO_VOLUME_NOTICE,
  RECOMMENDATION_FIXTURES,
  faasPick,
  noVolumeRecommendation,
  oversizedRecommendation,
  vmPick,
  wasmEdgePick,
} from '../fixtures/recommendations/index.js';
import { plainTextProblems } from '../security/helpers/inert.js';

const render = (rec: Parameters<typeof toRecommendationView>[0]) => renderPlainText(toRecommendationView(rec, { reviewId: 'r_1' }));

/** The lines of one section: from its title to the next blank line. */
function sectionLines(out: string, title: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l === title || l.startsWith(`${title} (`));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Bulleted items of a section, each unwrapped onto one line. */
function bulletItems(lines: string[]): string[] {
  return lines
    .join('\n')
    .split(/^ {2}- /m)
    .slice(1)
    .map((b) => b.replace(/\s+/g, ' ').trim());
}

describe('renderPlainText', () => {
  it.each([
    ...RECOMMENDATION_FIXTURES,
    ['oversized', oversizedRecommendation()] as const,
    ['no volume', noVolumeRecommendation()] as const,
  ])('%s: fits an 80-column terminal, no ANSI, control or bidi codes', (_n, rec) => {
    const out = render(rec);
    for (const line of out.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(PLAIN_TEXT_WIDTH);
    expect(plainTextProblems('plain', out)).toEqual([]);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('gives the answer in the first lines', () => {
    const lines = render(faasPick).split('\n');
    expect(lines[0]).toBe(`Compute review: ${NASTY_NAME}`);
    expect(lines[1]).toBe('Recommended: functions (FaaS), optimal');
    expect(lines[2]).toMatch(/^Functions \(FaaS\) fit best: /);
  });

  it('lists every section in the card order (FaaS pick, with cold-start advice)', () => {
    const out = render(faasPick);
    const order = [
      'Verdicts',
      'Why',
      'Cost caveats (a month, list prices)',
      'Cold-start advice',
      'What would change the answer',
      'Based on your answers',
      'Rules 2026.12.0+4707f7b4079e · Review r_1',
    ];
    const positions = order.map((h) => out.indexOf(`\n${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('  ✅ functions (FaaS): optimal (recommended). Scales with each burst\n');
    expect(out).toContain('(source: CIOPages, "Compute Models Explained: VMs,');
    expect(out).not.toContain('Check these answers');
  });

  it('puts warnings right after the headline and summary, before the verdicts', () => {
    const out = render(vmPick);
    const lines = out.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Compute review: _legacy_ ~old~ `x` [x](https://evil) <at>Admin</at> #1 @here |',
      'cell',
      'Recommended: virtual machines, optimal',
      'Virtual machines fit best: the application needs Windows Server, which VMs run',
      'as they are and Windows containers only partly.',
      '',
    ]);
    expect(sectionLines(out, 'Check these answers')).toEqual([
      '  - The p99 target (500 ms) is shorter than one request takes (2 s): one of the',
      '    two answers is probably off.',
      '  - Check the isolation answer: [docs](https://evil.example) <at>Admin</at>',
      '    @here | cell *b* _i_ `c`',
    ]);
    expect(lines[6]).toBe('Check these answers');
    expect(out.indexOf('\nCheck these answers\n')).toBeLessThan(out.indexOf('\nVerdicts\n'));
  });

  it('ends "Why" with the runners-up: "Not <model>: <reason>"', () => {
    const why = bulletItems(sectionLines(render(faasPick), 'Why'));
    expect(why).toHaveLength(5);
    expect(why[3]).toMatch(/^Not serverless containers: scales out in seconds \(source: CIOPages, /);
    expect(why[4]).toMatch(/^Not containers: auto-scales \(source: /);
  });

  it('prints the cost table in ranking order, columns aligned, the sizing wrapped under each row', () => {
    const lines = sectionLines(render(faasPick), 'Cost caveats');
    const rows = lines.filter((l) => /^ {2}\S/.test(l) && !l.startsWith('  - '));
    expect(rows).toEqual([
      '  functions (FaaS)        $16',
      '  serverless containers   $36',
      '  containers              $183          $143 with a 1-year commitment',
      '  WebAssembly at the edge $7.55',
      '  virtual machines        $589          $371 with a 1-year commitment',
    ]);
    // the sizing sits under its row, indented further
    const faasAt = lines.indexOf(rows[0]!);
    expect(
      lines
        .slice(faasAt + 1, faasAt + 4)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(
      '7.88M requests × 200 ms at 512 MB; after the free tier; init phase of 1% cold starts billed; + Amazon API Gateway HTTP API $7.88 <!here> <@U0ADMIN> <https://evil.example|pricing> & ~strike~',
    );
    expect(lines.slice(faasAt + 1, faasAt + 4).every((l) => l.startsWith('      '))).toBe(true);
  });

  it('says "cannot run it" for models a hard limit rules out, with the reason beneath', () => {
    const lines = sectionLines(render(vmPick), 'Cost caveats');
    expect(lines.filter((l) => /^ {2}\S/.test(l) && !l.startsWith('  - '))).toEqual([
      '  virtual machines        $2,196        $1,736 with a 1-year commitment',
      '  containers              $2,339        $1,850 with a 1-year commitment',
      '  serverless containers   cannot run it',
      '  functions (FaaS)        cannot run it',
      '  WebAssembly at the edge cannot run it',
    ]);
    const faasAt = lines.indexOf('  functions (FaaS)        cannot run it');
    expect(lines[faasAt + 1]).toBe("      cannot run it: needs more memory than Azure Functions Flex Consumption's 4");
  });

  it('wraps a long commitment and spot figure under its own column', () => {
    const rec = {
      ...faasPick,
      costEstimates: faasPick.costEstimates.map((e) =>
        e.model === 'vm' ? { ...e, monthlyUsd: 58_867.2, committedMonthlyUsd: 37_086.3, spotMonthlyUsd: 21_240.5 } : e,
      ),
    };
    const lines = sectionLines(render(rec), 'Cost caveats');
    const at = lines.findIndex((l) => l.startsWith('  virtual machines'));
    expect(lines.slice(at, at + 2)).toEqual([
      '  virtual machines        $58,867       $37,086 with a 1-year commitment;',
      `${' '.repeat(40)}$21,241 on spot capacity`,
    ]);
  });

  it('lists the notes after the table: the break-even, then the assumptions', () => {
    expect(bulletItems(sectionLines(render(faasPick), 'Cost caveats'))).toEqual([FAAS_BREAK_EVEN, FAAS_ASSUMPTIONS]);
    expect(bulletItems(sectionLines(render(vmPick), 'Cost caveats'))).toEqual([vmPick.costAssumptions]);
  });

  it('has no table and no "a month" without a volume, only the notice and the assumptions', () => {
    const out = render(noVolumeRecommendation());
    expect(out).toContain('\nCost caveats\n');
    expect(out).not.toContain('(a month, list prices)');
    expect(bulletItems(sectionLines(out, 'Cost caveats'))).toEqual([NO_VOLUME_NOTICE, FAAS_ASSUMPTIONS]);
  });

  it('says what the advice was based on, "(assumed)" on the defaults', () => {
    expect(sectionLines(render(faasPick), 'Based on your answers')).toEqual([
      '  API · bursty traffic, peaks 100× · 3 requests/s · 200 ms per request · p99',
      '  target 1 s · 512 MB (assumed) · Node.js · AWS (assumed)',
    ]);
    expect(sectionLines(render(vmPick), 'Based on your answers').join(' ')).toContain('peaks 1.5× (assumed)');
  });

  it('leaves out cold-start advice when there is none (VM pick)', () => {
    const out = render(vmPick);
    expect(out).not.toContain('Cold-start advice');
    expect(out).toContain('  ❌ WebAssembly at the edge: unsuitable\n');
  });

  it('shows the wasm edge pick, with the ANSI codes, line breaks and bidi overrides removed', () => {
    const out = render(wasmEdgePick);
    expect(out.split('\n')[0]).toBe('Compute review: edge-resizer # heading > quote - item');
    expect(out).toContain('Recommended: WebAssembly at the edge, optimal');
    expect(out).not.toMatch(/\u001b|\u202e|\r/);
    // the hostile text is still shown, on one line of the list: it opens no heading or list of its own
    expect(bulletItems(sectionLines(out, 'What would change the answer'))[1]).toBe(
      'If it did not have to run at the edge, containers would lead. wiped # heading > quote - item 1. list evil',
    );
  });

  it('wraps oversized content within 80 columns', () => {
    const out = render(oversizedRecommendation());
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(PLAIN_TEXT_WIDTH);
    expect(out).toContain('Check these answers');
  });
});

describe('wrapLine', () => {
  it('uses a hanging indent and breaks words longer than a line', () => {
    const lines = wrapLine(`see ${'x'.repeat(100)} end`, '  - ', '    ', 40);
    expect(lines[0]).toBe('  - see');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(lines.join('').replace(/[ -]/g, '')).toBe(`see${'x'.repeat(100)}end`);
  });

  it('returns the prefix alone for empty text', () => {
    expect(wrapLine('', 'x ')).toEqual(['x']);
  });
});

describe('displayWidth', () => {
  it('counts emoji as two columns and variation selectors as none', () => {
    expect(displayWidth('✅ a')).toBe(4);
    expect(displayWidth('⚠️')).toBe(2);
  });
});

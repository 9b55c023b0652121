import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_WIDTH, displayWidth, renderPlainText, wrapLine } from '../../src/render/plain-text.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import { NASTY_NAME, RECOMMENDATION_FIXTURES, faasPick, oversizedRecommendation, vmPick, wasmEdgePick } from '../fixtures/recommendations/index.js';

describe('renderPlainText', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s: fits an 80-column terminal, no ANSI or control codes', (_n, rec) => {
    const out = renderPlainText(toRecommendationView(rec, { reviewId: 'r_1' }));
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(PLAIN_TEXT_WIDTH);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('gives the answer in the first two lines', () => {
    const lines = renderPlainText(toRecommendationView(faasPick)).split('\n');
    expect(lines[0]).toBe(`Compute review: ${NASTY_NAME}`);
    expect(lines[1]).toBe('Recommended: functions (FaaS), optimal');
  });

  it('lists every section in the card order (FaaS pick, with cold-start advice)', () => {
    const out = renderPlainText(toRecommendationView(faasPick, { reviewId: 'r_1' }));
    const order = ['Verdicts', 'Why', 'Cost caveats', 'Cold-start advice', 'What would change the answer', 'Rules 2026.1+3f9c2a1b · Review r_1'];
    const positions = order.map((h) => out.indexOf(`\n${h}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).toContain('  ✅ functions (FaaS): optimal (recommended). Short, stateless requests');
    expect(out).toContain('(source: 003_4dcfcbf0e208f4dd.txt)');
  });

  it('lists the core’s cost caveat lines as bullets, in order, and leaves the section out when there are none', () => {
    const out = renderPlainText(toRecommendationView(faasPick));
    const section = out.slice(out.indexOf('\nCost caveats\n'), out.indexOf('\nCold-start advice\n'));
    const bulletsIn = section.split('\n  - ').slice(1).map((b) => b.replace(/\s+/g, ' ').trim());
    expect(bulletsIn).toEqual(faasPick.costCaveats);
    expect(section).toContain('  - Functions (FaaS): about $15/month (7.8M requests x 200 ms x 512 MB, after');
    expect(section).toContain('  - Break-even: above about 7.2 requests/s on average,');
    expect(section).toContain('  - Assumptions: us-east-1 list prices');
    expect(renderPlainText(toRecommendationView({ ...faasPick, costCaveats: [] }))).not.toContain('Cost caveats');
  });

  it('leaves out cold-start advice when there is none (VM pick)', () => {
    const out = renderPlainText(toRecommendationView(vmPick));
    expect(out).not.toContain('Cold-start advice');
    expect(out).toContain('❌ WebAssembly at the edge: unsuitable\n');
  });

  it('shows the wasm edge pick, with the ANSI codes in its name removed', () => {
    const out = renderPlainText(toRecommendationView(wasmEdgePick));
    expect(out.split('\n')[0]).toBe('Compute review: edge-resizer # heading > quote - item');
    expect(out).toContain('Recommended: WebAssembly at the edge, optimal');
    expect(out).not.toContain('\u001b');
  });

  it('wraps oversized content within 80 columns', () => {
    const out = renderPlainText(toRecommendationView(oversizedRecommendation()));
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(PLAIN_TEXT_WIDTH);
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

/** The inertness checkers themselves: each must flag what it exists to catch, or every other test here is vacuous. */
import { describe, expect, it } from 'vitest';
import {
  adaptiveCardProblems,
  adaptiveMarkdownProblems,
  blockKitProblems,
  markdownProblems,
  plainTextProblems,
  slackMrkdwnProblems,
} from './helpers/inert.js';

describe('slackMrkdwnProblems', () => {
  it.each([
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<!subteam^S123>',
    '<@U123>',
    '<#C123>',
    '<https://evil.example|click me>',
    '<mailto:a@b.c|x>',
    'a < b',
    'a > b',
    '&#60;!channel&#62;',
    'fish & chips',
    '@here',
    'ping @channel',
    '@everyone',
    'red \u001b[31m',
    '\u202egnp.exe',
  ])('flags %j', (text) => {
    expect(slackMrkdwnProblems('t', text)).not.toEqual([]);
  });

  it.each(['&lt;!channel&gt;', '&amp;lt;!here&amp;gt;', '@\u200bhere', 'line one\nline two', '*bold* by us'])('passes %j', (text) => {
    expect(slackMrkdwnProblems('t', text)).toEqual([]);
  });

  it('allows only the tokens it is told to', () => {
    expect(slackMrkdwnProblems('t', 'by <@U0SEC1>', [/<@U0SEC\d+>/])).toEqual([]);
    expect(slackMrkdwnProblems('t', 'by <@U0SEC1> and <@U123>', [/<@U0SEC\d+>/])).toHaveLength(1);
  });
});

describe('blockKitProblems', () => {
  it('checks mrkdwn, plain_text, the fallback text and verbatim', () => {
    expect(blockKitProblems({ text: '<!here>', blocks: [] })).toHaveLength(1);
    expect(blockKitProblems({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok', verbatim: false } }] })).toHaveLength(1);
    expect(blockKitProblems({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'a\u001bb' } }] })).toHaveLength(1);
    expect(blockKitProblems({ blocks: [{ type: 'header', text: { type: 'plain_text', text: '<!channel> is literal here' } }] })).toEqual(
      [],
    );
    expect(blockKitProblems({ blocks: [{ type: 'button', url: 'https://evil.example' }] })).toHaveLength(1);
  });
});

describe('Adaptive Card checks', () => {
  it.each([
    '<at>Alex</at>',
    '< at >x',
    '[click](https://evil.example)',
    '![x](https://evil.example/p.png)',
    '[a][1]',
    '[1]: https://evil.example',
    'x\u202ey',
  ])('flags %j in Markdown text', (text) => {
    expect(adaptiveMarkdownProblems('t', text)).not.toEqual([]);
  });

  it.each(['‹at›Alex‹/at›', '\\[click\\]\\(https://evil.example\\)', 'https://evil.example', '**bold** by us'])('passes %j', (text) => {
    expect(adaptiveMarkdownProblems('t', text)).toEqual([]);
  });

  it('walks TextBlocks, facts, plain strings, mention entities and URLs', () => {
    const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', body, ...extra });
    expect(adaptiveCardProblems(card([{ type: 'TextBlock', text: '<at>x</at>' }]))).toHaveLength(1);
    expect(adaptiveCardProblems(card([{ type: 'FactSet', facts: [{ title: '[a](b)', value: 'ok' }] }]))).toHaveLength(1);
    expect(adaptiveCardProblems(card([{ type: 'Input.Text', id: 'v', label: 'a\u0007b' }]))).toHaveLength(1);
    const mention = { msteams: { entities: [{ type: 'mention', text: '<at>x</at>' }] } };
    expect(adaptiveCardProblems(card([], mention))).not.toEqual([]);
    expect(adaptiveCardProblems(card([], { actions: [{ type: 'Action.OpenUrl', url: 'https://evil.example' }] }))).toHaveLength(1);
    expect(adaptiveCardProblems(card([{ type: 'TextBlock', text: 'fine' }], { fallbackText: 'fine' }))).toEqual([]);
  });
});

describe('markdownProblems and plainTextProblems', () => {
  it.each([
    '[a](https://evil.example)',
    '![a](x.png)',
    '<script>',
    '<https://evil.example>',
    'hi @alex',
    '# heading',
    '> quote',
    '| a | b | c | d | e |',
    'x\u001b[2J',
  ])('flags %j in Markdown', (text) => {
    expect(markdownProblems(text)).not.toEqual([]);
  });

  it('passes escaped text, our headings and our table', () => {
    const ok = [
      '## Compute review: \\[a\\]\\(b\\) @\u200balex',
      '',
      '### Why',
      '| | Model | Verdict | Reason |',
      '| ✅ | VM | good | a \\| b |',
      '<sub>Rules 1</sub>',
    ].join('\n');
    expect(markdownProblems(ok)).toEqual([]);
  });

  it('plain text allows line feeds only', () => {
    expect(plainTextProblems('t', 'a\nb')).toEqual([]);
    for (const bad of ['\u001b[31m', '\u009b31m', '\r', '\u202e', '\u2066', '\u0000'])
      expect(plainTextProblems('t', `a${bad}b`)).not.toEqual([]);
  });
});

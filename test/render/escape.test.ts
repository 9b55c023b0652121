import { describe, expect, it } from 'vitest';
import {
  adaptivePlainText,
  cleanInline,
  escapeAdaptiveText,
  escapeMarkdown,
  escapeMrkdwn,
  slackPlainText,
  truncate,
  truncateMrkdwn,
} from '../../src/render/escape.js';
import { isInertMrkdwn } from './helpers/walk.js';

const NASTY = '<!channel> *bold* <@U123> <https://evil|click> & "quotes"';

describe('cleanInline', () => {
  it('drops ANSI sequences, turns controls and bidi overrides into spaces, collapses whitespace', () => {
    expect(cleanInline('\u001b[31mred\u001b[0m\nnext\tline')).toBe('red next line');
    expect(cleanInline('\u001b]8;;https://evil\u0007link\u001b]8;;\u0007')).toBe('link');
    expect(cleanInline('abc\u202edef\u2066')).toBe('abc def');
    expect(cleanInline('  a   b  ')).toBe('a b');
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends long text with an ellipsis within the limit', () => {
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello world', 8).length).toBeLessThanOrEqual(8);
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const out = truncate('ab😀cdef', 4);
    expect(out.length).toBeLessThanOrEqual(4);
    expect(out).toBe('ab…');
    expect(() => encodeURIComponent(out)).not.toThrow();
  });
});

describe('escapeMrkdwn', () => {
  it('makes mentions, links and entities inert', () => {
    const out = escapeMrkdwn(NASTY);
    expect(out).toContain('&lt;!channel&gt;');
    expect(out).toContain('&lt;@U123&gt;');
    expect(out).toContain('&lt;https://evil|click&gt;');
    expect(out).toContain('&amp; "quotes"');
    expect(isInertMrkdwn(out)).toBe(true);
  });

  it('escapes & before < and > so entities are not double-decoded', () => {
    expect(escapeMrkdwn('&lt;!here&gt;')).toBe('&amp;lt;!here&amp;gt;');
  });

  it('neutralises *, ~, backticks and boundary underscores so user text cannot break out of bold', () => {
    const out = escapeMrkdwn('*x* _y_ ~z~ `c` a*b');
    expect(out).not.toMatch(/[*~`]/);
    expect(out).not.toMatch(/(^|[^\p{L}\p{N}])_|_($|[^\p{L}\p{N}])/u);
    expect(`*${escapeMrkdwn('evil* <!here> *')}*`.match(/\*/g)).toHaveLength(2);
  });

  it('keeps underscores inside words, so ids stay copyable', () => {
    expect(escapeMrkdwn('payments_webhooks r_01J9')).toBe('payments_webhooks r_01J9');
  });

  it('defuses bare @channel, @here and @everyone', () => {
    for (const word of ['@channel', '@here', '@everyone', '@HERE']) {
      expect(escapeMrkdwn(`ping ${word}`)).not.toContain(word);
    }
  });

  it('is inline: newlines cannot start a quote', () => {
    expect(escapeMrkdwn('a\n> quoted')).toBe('a &gt; quoted');
  });
});

describe('truncateMrkdwn', () => {
  it('does not leave half an entity behind', () => {
    const escaped = escapeMrkdwn('aaaa&bbbb');
    const cut = truncateMrkdwn(escaped, 7);
    expect(cut.length).toBeLessThanOrEqual(7);
    expect(isInertMrkdwn(cut)).toBe(true);
    expect(cut).toBe('aaaa…');
  });
});

describe('slackPlainText', () => {
  it('shows text literally (plain_text is never parsed) but cleans and shortens it', () => {
    expect(slackPlainText('<!channel> & co\n', 150)).toBe('<!channel> & co');
    expect(slackPlainText('x'.repeat(200), 150)).toHaveLength(150);
  });
});

describe('escapeMarkdown', () => {
  it('neutralises links, HTML, emphasis, code, strikes and table pipes', () => {
    const out = escapeMarkdown('[click](https://evil) <img src=x> *b* _i_ `c` ~s~ a|b & ![x](y)');
    expect(out).toBe('\\[click\\]\\(https://evil\\) \\<img src=x\\> \\*b\\* \\_i\\_ \\`c\\` \\~s\\~ a\\|b \\& !\\[x\\]\\(y\\)');
  });

  it('keeps the nasty name inert', () => {
    const out = escapeMarkdown(NASTY);
    expect(out).not.toMatch(/(^|[^\\])[<>[\]|*]/);
    expect(out).toContain('\\&');
  });

  it('cannot open a block at the start, and is inline', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('> quote')).toBe('\\> quote');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('a\n# b')).toBe('a # b');
  });

  it('stops GitHub @-mentions', () => {
    expect(escapeMarkdown('cc @octocat')).toBe('cc @\u200boctocat');
  });

  it('escapes $ so text cannot open GitHub math', () => {
    expect(escapeMarkdown('$x^2$ and $$\\Huge{y}$$ cost $5')).toBe('\\$x^2\\$ and \\$\\$\\\\Huge\\{y\\}\\$\\$ cost \\$5');
  });

  it('escapes backslashes first so they cannot cancel an escape', () => {
    expect(escapeMarkdown('\\*x')).toBe('\\\\\\*x');
  });
});

describe('escapeAdaptiveText', () => {
  it('escapes the TextBlock Markdown subset', () => {
    expect(escapeAdaptiveText('*b* _i_ [l](u) # h > q `c`')).toBe('\\*b\\* \\_i\\_ \\[l\\]\\(u\\) \\# h \\> q \\`c\\`');
  });

  it('keeps Teams mentions inert', () => {
    const out = escapeAdaptiveText('<at>Admin</at> and <AT id="1">x</AT> and <at');
    expect(out).not.toMatch(/<\s*\/?\s*at/i);
    expect(out).toContain('\u2039at\u203aAdmin\u2039/at\u203a');
  });

  it('leaves <, > (outside at tags) and & readable', () => {
    expect(escapeAdaptiveText('a & b < c')).toBe('a & b < c');
  });

  it('cannot open a list at the start', () => {
    expect(escapeAdaptiveText('- x')).toBe('\\- x');
    expect(escapeAdaptiveText('2) x')).toBe('2\\) x');
  });
});

describe('adaptivePlainText', () => {
  it('cleans, shortens, and never returns an empty string', () => {
    expect(adaptivePlainText('a\nb')).toBe('a b');
    expect(adaptivePlainText('')).toBe(' ');
    expect(adaptivePlainText('x'.repeat(300), 100)).toHaveLength(100);
  });
});

/**
 * Hostile text for every field that reaches a card, a digest, a terminal or a log: Slack control sequences
 * (mentions, links), entity tricks, Markdown and mrkdwn markup, Teams <at> tags, ANSI escapes, bidi overrides,
 * line breaks, very long strings and combinations of all of them.
 */

export interface CorpusEntry {
  /** Short, unique, used in test names. */
  id: string;
  text: string;
}

const ESC = '\u001b';
const RLO = '\u202e';

const BASE: CorpusEntry[] = [
  { id: 'slack-channel', text: '<!channel>' },
  { id: 'slack-here', text: '<!here>' },
  { id: 'slack-everyone', text: '<!everyone>' },
  { id: 'slack-channel-labelled', text: '<!channel|channel> deploy now' },
  { id: 'slack-subteam', text: '<!subteam^S123>' },
  { id: 'slack-subteam-labelled', text: '<!subteam^S123|@oncall>' },
  { id: 'slack-date', text: '<!date^1392734382^{date_pretty}|Feb 18>' },
  { id: 'slack-user', text: '<@U123>' },
  { id: 'slack-user-labelled', text: '<@W123ABC|boss>' },
  { id: 'slack-channel-link', text: '<#C123>' },
  { id: 'slack-channel-link-labelled', text: '<#C123|general>' },
  { id: 'slack-link', text: '<https://evil.example|click me>' },
  { id: 'slack-bare-link', text: '<https://evil.example>' },
  { id: 'slack-mailto', text: '<mailto:a@b.c|x>' },
  { id: 'entities-raw', text: '&<>' },
  { id: 'entities-double', text: '&amp;lt;!channel&amp;gt;' },
  { id: 'entities-single', text: '&lt;!here&gt; &lt;@U123&gt;' },
  { id: 'entities-numeric', text: '&#60;!channel&#62; &#x3c;!here&#x3e;' },
  { id: 'mrkdwn-markup', text: '*bold* _it_ ~s~ `code`' },
  { id: 'mrkdwn-code-block', text: '```<!channel>```' },
  { id: 'mrkdwn-quote', text: '> quoted <!here>' },
  { id: 'markdown-link', text: '[link](https://evil.example)' },
  { id: 'markdown-image', text: '![x](https://evil.example/p.png)' },
  { id: 'markdown-js-link', text: '[ok](javascript:alert(1))' },
  { id: 'markdown-reference-link', text: '[click][1]\n\n[1]: https://evil.example' },
  { id: 'markdown-autolink', text: '<https://evil.example/autolink>' },
  { id: 'markdown-heading', text: '# Heading\n## sub' },
  { id: 'markdown-table-cell', text: 'a | b | c' },
  { id: 'html', text: '<script>alert(1)</script><img src=x onerror=alert(1)>' },
  { id: 'teams-at', text: '<at>Alex</at>' },
  { id: 'teams-at-attrs', text: '<at id="0">Everyone</at>' },
  { id: 'teams-at-spaced', text: '< at >Alex</ at >' },
  { id: 'teams-at-upper', text: '<AT>Alex</AT>' },
  { id: 'teams-at-unclosed', text: '<at>Alex' },
  { id: 'teams-at-entities', text: '&lt;at&gt;Alex&lt;/at&gt;' },
  { id: 'bare-everyone', text: '@everyone' },
  { id: 'bare-here-channel', text: 'ping @here and @channel' },
  { id: 'bare-user', text: '@alex please' },
  { id: 'ansi-colour', text: `${ESC}[31mred` },
  { id: 'ansi-clear', text: `${ESC}[2J${ESC}[Hwiped` },
  { id: 'ansi-osc-title', text: `${ESC}]0;pwned${'\u0007'}title` },
  { id: 'ansi-osc-hyperlink', text: `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\` },
  { id: 'c1-csi', text: '\u009b31mred' },
  { id: 'bidi-rlo', text: `${RLO}gnp.exe` },
  { id: 'bidi-isolates', text: 'safe\u2066\u2067\u2068evil\u2069' },
  { id: 'bidi-lre-pdf', text: '\u202aab\u202c\u202bcd\u202c\u202dx' },
  { id: 'nul-and-bell', text: 'a\u0000b\u0007c\u007f' },
  { id: 'newlines', text: 'line1\n<!here>\nline3' },
  { id: 'crlf', text: 'first\r\n# injected heading\r\n- item' },
  { id: 'tabs', text: 'a\tb\vc\fd' },
  { id: 'zero-width', text: '<\u200b!channel\u200b>' },
  { id: 'fullwidth', text: '＜!channel＞' },
  { id: 'emoji-surrogates', text: '🚀<!here>🔥'.repeat(4) },
];

const LONG: CorpusEntry[] = [
  { id: 'long-channel-repeat', text: '<!channel>'.repeat(500) },
  { id: 'long-plain', text: 'A'.repeat(5000) },
  { id: 'long-entities', text: '&'.repeat(3000) },
  { id: 'long-mixed', text: `${'x'.repeat(75)}<!channel><@U123>&amp;` },
  { id: 'long-surrogates', text: '😀'.repeat(2000) },
  { id: 'long-newlines', text: '\n<!here>\n'.repeat(300) },
];

const COMBINED: CorpusEntry[] = [
  {
    id: 'combo-all-slack',
    text: '<!channel> <!here> <!everyone> <!subteam^S123> <@U123> <#C123> <https://evil.example|click me> <mailto:a@b.c|x> &<>',
  },
  { id: 'combo-markup', text: '*<!channel>* _<@U123>_ ~<#C123>~ `<https://evil.example|x>` [a](https://evil.example) <at>Alex</at>' },
  { id: 'combo-controls', text: `${ESC}[31m${RLO}<!here>\n@everyone\t<at>Alex</at>${ESC}[0m` },
  { id: 'combo-nested-link', text: '<https://evil.example|<!channel>>' },
  { id: 'combo-split-entity', text: '&lt<!channel>gt; &amp<@U123>' },
  { id: 'combo-pipe-break', text: 'name|<!channel>>' },
  { id: 'combo-link-inside-markdown', text: '[<!channel>](<https://evil.example>)' },
];

/** Every entry, short ones first. */
export const INJECTION_CORPUS: readonly CorpusEntry[] = [...BASE, ...COMBINED, ...LONG];

/** Entries that fit a workload profile name (at most 80 characters once trimmed). */
export const SHORT_CORPUS: readonly CorpusEntry[] = INJECTION_CORPUS.filter((e) => e.text.trim().length > 0 && e.text.trim().length <= 80);

/** A profile-safe name for an entry: cut to 80 characters (keeping surrogate pairs whole) and never empty. */
export function profileName(text: string): string {
  const chars = [...text.trim()];
  let out = '';
  for (const ch of chars) {
    if ((out + ch).length > 80) break;
    out += ch;
  }
  return out.trim() === '' ? 'x' : out;
}

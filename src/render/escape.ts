/**
 * Escaping for every output format. All user-supplied text (workload names, answers, decision notes, user names)
 * goes through one of these before it reaches a renderer's output; rule texts do too, as belt and braces.
 *
 * Every escaper treats its input as inline text: line breaks and other control characters become single spaces,
 * so user text can never start a block (a heading, a quote, a list item) in the format it lands in.
 */

const ELLIPSIS = '…';

// C0/C1 controls (ESC starts ANSI sequences), plus bidi overrides/isolates that can make text read differently
// from what it is ("trojan source").
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// ANSI CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks): dropped whole.
// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;

// Anything cleanInline would change: a control or bidi character (ANSI sequences start with ESC), whitespace other
// than a single space, or a space at either end. Most texts have none, and one test is cheaper than four passes.
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[^\S ]| {2}|^ | $/;

/** Drops ANSI escape sequences, turns other control and bidi-override characters into spaces, collapses whitespace. */
export function cleanInline(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL_OR_BIDI, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Shortens text to at most `max` UTF-16 units (the unit Slack and JSON limits count), ending with an ellipsis.
 * Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // would leave a lone high surrogate
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

// The characters escapeMrkdwn replaces or looks at; most texts (question texts, option labels) have none.
const MRKDWN_SPECIAL = /[&<>*_~`@]/;

/**
 * Slack mrkdwn. `&`, `<`, `>` become entities, which makes `<!channel>`, `<@U123>` and `<https://x|y>` inert.
 * Slack has no escape for `*`, `_`, `~` and backticks, so they are swapped for look-alike characters
 * (the approach jsx-slack takes) and user text cannot open or close bold, italics, strikes or code.
 * An underscore between two letters or digits (`r_01J9`, `payments_webhooks`) cannot open or close italics
 * in Slack, so it is kept: ids stay copyable.
 * Bare `@channel`, `@here`, `@everyone` get a zero-width space so no client-side parsing turns them into pings.
 */
export function escapeMrkdwn(text: string): string {
  const clean = cleanInline(text);
  if (!MRKDWN_SPECIAL.test(clean)) return clean;
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\*/g, '\u2217') // ∗ asterisk operator
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\u02cd') // ˍ modifier letter low macron
    .replace(/~/g, '\u223c') // ∼ tilde operator
    .replace(/`/g, '\u02cb') // ˋ modifier letter grave accent
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

/**
 * Slack plain_text objects (header, button, option text) are shown literally and never parsed for mentions
 * or links, so entity-escaping would show `&amp;` to users; they only get cleaned and shortened.
 */
export function slackPlainText(text: string, max: number): string {
  return truncate(cleanInline(text), max);
}

/**
 * GitHub Markdown, inline. Backslash-escapes the characters that make inline markup (emphasis, links, code,
 * strikes, raw HTML, table cells, `$` math) and, at the start, the ones that would open a block. `@` gets a
 * zero-width space after it so a workload name cannot mention a GitHub user or team.
 */
export function escapeMarkdown(text: string): string {
  return cleanInline(text)
    .replace(/[\\`*_{}[\]()<>|~&$]/g, (ch) => `\\${ch}`)
    .replace(/^([#>+-])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/@(?=\w)/g, '@\u200b');
}

/**
 * Adaptive Card TextBlock / Fact text (a Markdown subset). Backslash-escapes the markup characters; `<`, `>`
 * and `&` render literally, except that an `<at>` tag could become a Teams mention, so its brackets are swapped
 * for look-alike angle quotes (mentions need an entity as well, but we do not rely on that).
 */
export function escapeAdaptiveText(text: string): string {
  return cleanInline(text)
    .replace(/<(\/?\s*at\b[^>]*)>/gi, '\u2039$1\u203a') // ‹at› … ‹/at›
    .replace(/<(?=\/?\s*at\b)/gi, '\u2039') // an unclosed <at
    .replace(/[\\`*_[\]()#>~]/g, (ch) => `\\${ch}`)
    .replace(/^([+-])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Adaptive Card plain strings (choice titles, input labels and placeholders, action titles) are shown literally,
 * not as Markdown: they only get cleaned and shortened.
 */
export function adaptivePlainText(text: string, max = 100): string {
  return truncate(cleanInline(text), max) || ' ';
}

/**
 * Trims escaped mrkdwn to `max` without cutting an entity (`&amp;`) in half.
 * Escape first, then shorten with this, so the limit holds for what is actually sent.
 */
export function truncateMrkdwn(escaped: string, max: number): string {
  const cut = truncate(escaped, max);
  if (cut === escaped) return cut;
  // drop a dangling partial entity just before the ellipsis
  return cut.replace(/&[a-z]{0,4}…$/, '…');
}

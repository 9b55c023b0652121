/**
 * Checks that rendered output is inert: user text in it cannot ping, link, mention, re-format the message or
 * smuggle terminal escapes. Each checker returns a list of problems ([] = inert) so failures say what and where.
 */

/** C0 controls except line feed, DEL, C1 controls (CSI \u009b), bidi embeddings/overrides/isolates. */
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LF = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ANY = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const show = (s: string, at = 0) => JSON.stringify(s.slice(Math.max(0, at - 30), at + 50));

function controlProblem(where: string, text: string, allowNewline: boolean): string[] {
  const m = (allowNewline ? CONTROL_EXCEPT_LF : CONTROL_ANY).exec(text);
  return m ? [`${where}: control/bidi character U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} near ${show(text, m.index)}`] : [];
}

// ---- Slack ----------------------------------------------------------------------------------------------------

/**
 * Slack mrkdwn (section/context text, message `text`). The only `<...>` sequences allowed are those our code
 * builds from checked ids (`allowed`, each matched against the whole token). Every `&` must start one of the
 * three entities Slack decodes, so nothing decodes into a control sequence; no bare @channel/@here/@everyone.
 */
export function slackMrkdwnProblems(where: string, text: string, allowed: readonly RegExp[] = []): string[] {
  const problems: string[] = [];
  let rest = text;
  for (const token of text.match(/<[^<>]*>/g) ?? []) {
    if (allowed.some((re) => new RegExp(`^(?:${re.source})$`).test(token))) {
      rest = rest.replace(token, ' ');
    } else {
      problems.push(`${where}: Slack control sequence ${JSON.stringify(token.slice(0, 60))}`);
    }
  }
  const angle = /[<>]/.exec(rest);
  if (angle && problems.length === 0) problems.push(`${where}: raw ${angle[0]} near ${show(rest, angle.index)}`);
  const amp = /&(?!amp;|lt;|gt;)/.exec(text);
  if (amp) problems.push(`${where}: bare & near ${show(text, amp.index)}`);
  const ping = /@(channel|here|everyone)\b/i.exec(text);
  if (ping) problems.push(`${where}: bare ${ping[0]} near ${show(text, ping.index)}`);
  problems.push(...controlProblem(where, text, true));
  return problems;
}

/** Slack plain_text objects are never parsed for mentions or links: they only must be free of controls. */
export function slackPlainProblems(where: string, text: string): string[] {
  return controlProblem(where, text, false);
}

export interface SlackMessageLike {
  text?: unknown;
  blocks?: unknown;
}

/**
 * Every text object of a Block Kit message (or a Home view): mrkdwn objects must be inert and `verbatim`
 * (so Slack does not auto-parse names or mentions in them), plain_text objects control-free, the fallback
 * `text` inert mrkdwn, and no element may carry a URL that is not allowed.
 */
export function blockKitProblems(
  message: SlackMessageLike,
  allowed: readonly RegExp[] = [],
  allowedUrls: readonly RegExp[] = [],
): string[] {
  const problems: string[] = [];
  if (typeof message.text === 'string') problems.push(...slackMrkdwnProblems('text', message.text, allowed));
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') {
      problems.push(...slackMrkdwnProblems(path, o.text, allowed));
      if (o.verbatim !== true) problems.push(`${path}: mrkdwn without verbatim: true`);
    }
    if (o.type === 'plain_text' && typeof o.text === 'string') problems.push(...slackPlainProblems(path, o.text));
    if (typeof o.url === 'string' && !allowedUrls.some((re) => re.test(o.url as string)))
      problems.push(`${path}: url ${JSON.stringify(o.url)}`);
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(message.blocks, 'blocks');
  return problems;
}

// ---- Adaptive Cards / Teams -----------------------------------------------------------------------------------

/** Removes backslash-escaped characters, leaving only markup that a Markdown renderer would act on. */
export function unescapedMarkup(text: string): string {
  return text.replace(/\\[\s\S]/g, '');
}

/**
 * Adaptive Card TextBlock / FactSet text and Teams message text (Markdown subset): no <at> tag and no link or
 * image syntax, whose visible text could disguise where it leads; `allowedLinks` are the link targets our code
 * builds. A URL shown as itself (bare) is not a disguise and is not flagged.
 */
export function adaptiveMarkdownProblems(where: string, text: string, allowedLinks: readonly RegExp[] = []): string[] {
  const problems: string[] = [];
  const at = /<\s*\/?\s*at\b/i.exec(text);
  if (at) problems.push(`${where}: <at> tag near ${show(text, at.index)}`);
  const bare = unescapedMarkup(text);
  for (const m of bare.matchAll(/!?\[[^\]]*\]\s*\(([^)]*)\)?/g)) {
    const target = m[1] ?? '';
    if (!allowedLinks.some((re) => re.test(target))) problems.push(`${where}: Markdown link ${JSON.stringify(m[0].slice(0, 60))}`);
  }
  const ref = /\[[^\]]*\]\s*\[[^\]]*\]|^\s*\[[^\]]+\]:/m.exec(bare);
  if (ref) problems.push(`${where}: Markdown reference link ${JSON.stringify(ref[0].slice(0, 60))}`);
  problems.push(...controlProblem(where, text, true));
  return problems;
}

/**
 * Plain card strings (labels, choice titles, placeholders, action titles, fallbackText) are shown literally:
 * Teams parses neither Markdown nor <at> in them, so they only must be free of controls.
 */
export function adaptivePlainProblems(where: string, text: string): string[] {
  return controlProblem(where, text, false);
}

const PLAIN_KEYS = new Set(['label', 'placeholder', 'errorMessage', 'title', 'fallbackText', 'speak', 'altText']);

/**
 * Every string a card shows: TextBlock text and FactSet facts as Markdown, the rest as plain strings; no
 * mention entities, no Action.OpenUrl / selectAction URL other than `allowedLinks`.
 */
export function adaptiveCardProblems(card: unknown, allowedLinks: readonly RegExp[] = []): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: string, parentKey: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`, parentKey));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string')
      problems.push(...adaptiveMarkdownProblems(`${path}.text`, o.text, allowedLinks));
    if (parentKey === 'facts') {
      if (typeof o.title === 'string') problems.push(...adaptiveMarkdownProblems(`${path}.title`, o.title, allowedLinks));
      if (typeof o.value === 'string') problems.push(...adaptiveMarkdownProblems(`${path}.value`, o.value, allowedLinks));
    }
    if (o.type === 'mention') problems.push(`${path}: mention entity ${JSON.stringify(o).slice(0, 80)}`);
    if (o.type === 'Action.OpenUrl' || typeof o.url === 'string') {
      const u = String(o.url ?? '');
      if (!allowedLinks.some((re) => re.test(u))) problems.push(`${path}: url ${JSON.stringify(u)}`);
    }
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string' && PLAIN_KEYS.has(k) && parentKey !== 'facts') problems.push(...adaptivePlainProblems(`${path}.${k}`, v));
      else walk(v, `${path}.${k}`, k);
    }
  };
  walk(card, 'card', '');
  return problems;
}

/** A Bot Connector activity the bot sent: its cards, its message text, its entities. */
export function teamsActivityProblems(activity: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof activity.text === 'string') problems.push(...adaptiveMarkdownProblems('activity.text', activity.text));
  if (typeof activity.summary === 'string') problems.push(...adaptivePlainProblems('activity.summary', activity.summary));
  for (const entity of (activity.entities as Array<Record<string, unknown>> | undefined) ?? []) {
    if (entity.type === 'mention') problems.push(`activity: mention entity ${JSON.stringify(entity).slice(0, 120)}`);
  }
  const attachments = (activity.attachments as Array<Record<string, unknown>> | undefined) ?? [];
  attachments.forEach((a, i) => {
    if (a.contentType === 'application/vnd.microsoft.card.adaptive')
      problems.push(...adaptiveCardProblems(a.content).map((p) => `attachment[${i}] ${p}`));
    else problems.push(`attachment[${i}]: unexpected content type ${String(a.contentType)}`);
  });
  return problems;
}

// ---- GitHub Markdown ------------------------------------------------------------------------------------------

const OUR_HEADINGS =
  /^(## Compute review: |### (Check these answers|Verdicts|Why|Cost caveats|Cold-start advice|What would change the answer|Based on your answers)$)/;

/**
 * renderMarkdown output: no link, image or reference syntax, no raw HTML or autolink (our <sub> footer aside),
 * no @-mention, no `$` that could open GitHub math, no heading or quote that we did not write, and every table row
 * (verdicts, costs) keeps its five cell bars.
 */
export function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  const bare = unescapedMarkup(text);
  const link = /!?\[[^\]]*\]\s*[([]|^\s*\[[^\]]+\]:/m.exec(bare);
  if (link) problems.push(`link/image syntax near ${show(bare, link.index)}`);
  const html = /<(?!\/?sub>)/.exec(bare);
  if (html) problems.push(`raw < near ${show(bare, html.index)}`);
  const math = /\$/.exec(bare);
  if (math) problems.push(`unescaped $ (GitHub math) near ${show(bare, math.index)}`);
  const mention = /@[\p{L}\p{N}_]/u.exec(text);
  if (mention) problems.push(`@-mention near ${show(text, mention.index)}`);
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('#') && !OUR_HEADINGS.test(line)) problems.push(`line ${i + 1}: heading we did not write: ${show(line)}`);
    if (/^\s*>/.test(line)) problems.push(`line ${i + 1}: block quote: ${show(line)}`);
    if (line.startsWith('|')) {
      const bars = (line.match(/(?<!\\)\|/g) ?? []).length;
      if (bars !== 5) problems.push(`line ${i + 1}: table row with ${bars} cell bars: ${show(line)}`);
    }
  });
  problems.push(...controlProblem('markdown', text, true));
  return problems;
}

// ---- Plain text / terminal ------------------------------------------------------------------------------------

/** Terminal output: no ESC (ANSI/OSC), no other C0/C1 control, no bidi override or isolate. Line feeds are fine. */
export function plainTextProblems(where: string, text: string): string[] {
  return controlProblem(where, text, true);
}

// ---- the user text is really there -----------------------------------------------------------------------------

/** Every string anywhere in a value, joined by newlines. */
export function allStrings(value: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(walk);
  };
  walk(value);
  return out.join('\n');
}

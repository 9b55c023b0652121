import { cleanInline } from './escape.js';
import { SECTION_TITLES, type RecommendationView } from './recommendation-view.js';

/** The terminal width the CLI output is laid out for. */
export const PLAIN_TEXT_WIDTH = 80;

/** Columns a string takes in a terminal: wide emoji count 2, variation selectors and joiners 0. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || cp === 0x200b) continue;
    width += (cp >= 0x2600 && cp <= 0x27bf) || cp >= 0x1f000 ? 2 : 1;
  }
  return width;
}

function splitLongWord(word: string, width: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of word) {
    if (displayWidth(current + ch) > width) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) parts.push(current);
  return parts;
}

/** Word-wraps one paragraph with a first-line prefix and a hanging indent for the rest. */
export function wrapLine(text: string, firstPrefix = '', restPrefix = firstPrefix, width = PLAIN_TEXT_WIDTH): string[] {
  const words = cleanInline(text)
    .split(' ')
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = firstPrefix;
  let lineHasWord = false;
  const room = (prefix: string) => Math.max(10, width - displayWidth(prefix));
  for (const word of words) {
    const candidate = lineHasWord ? `${line} ${word}` : line + word;
    if (displayWidth(candidate) <= width) {
      line = candidate;
      lineHasWord = true;
      continue;
    }
    if (lineHasWord) {
      lines.push(line);
      line = restPrefix;
      lineHasWord = false;
    }
    // a word wider than a whole line (a URL): break it hard
    const pieces = displayWidth(word) > room(line) ? splitLongWord(word, room(line)) : [word];
    for (let i = 0; i < pieces.length; i++) {
      line += pieces[i];
      lineHasWord = true;
      if (i < pieces.length - 1) {
        lines.push(line);
        line = restPrefix;
      }
    }
  }
  if (lineHasWord || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

function bullets(items: string[]): string[] {
  return items.flatMap((item) => wrapLine(item, '  - ', '    '));
}

const LABEL_COLUMN = 24;
const FIGURE_COLUMN = 14;

/** `text` and at least one space, padded to `width` columns. */
function column(text: string, width: number): string {
  const clean = cleanInline(text);
  return `${clean}${' '.repeat(Math.max(1, width - displayWidth(clean)))}`;
}

/** One line per model: label, monthly figure and any commitment or spot figure; the sizing wrapped beneath. */
function costTable(rows: RecommendationView['cost']['rows']): string[] {
  return rows.flatMap((row) => {
    // wrapLine collapses runs of spaces in its text, so the padded columns go into the prefix, which it keeps as given
    const lead = `  ${column(row.label, LABEL_COLUMN)}${column(row.monthly, FIGURE_COLUMN)}`;
    return [...wrapLine(row.alternatives, lead, ' '.repeat(displayWidth(lead))), ...wrapLine(row.basis, '      ', '      ')];
  });
}

/**
 * The CLI's default output: readable in an 80-column terminal, no colour codes. User text is cleaned of control
 * characters (so a workload name cannot smuggle ANSI sequences into a terminal) but otherwise shown as typed.
 */
export function renderPlainText(view: RecommendationView): string {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    out.push('', title, ...lines);
  };

  out.push(...wrapLine(view.title));
  out.push(...wrapLine(view.headline));
  if (view.summary) out.push(...wrapLine(view.summary));
  if (view.decision) out.push(...wrapLine(view.decision.text));
  if (view.warnings.length > 0) section(SECTION_TITLES.warnings, bullets(view.warnings));

  section(
    SECTION_TITLES.verdicts,
    view.verdicts.flatMap((v) => {
      const head = `${v.label}: ${v.verdict}${v.recommended ? ' (recommended)' : ''}`;
      const links = v.links.flatMap((link) => wrapLine(`${link.title}: ${link.url}`, '     → ', '       '));
      return [...wrapLine(v.reason ? `${head}. ${v.reason}` : head, `  ${v.icon} `, '     '), ...links];
    }),
  );

  if (view.why.length > 0) {
    section(SECTION_TITLES.why, bullets(view.why.map((w) => (w.source ? `${w.text} (source: ${w.source})` : w.text))));
  }

  section(`${SECTION_TITLES.cost}${view.cost.rows.length > 0 ? ' (a month, list prices)' : ''}`, [
    ...costTable(view.cost.rows),
    ...bullets(view.cost.notes),
  ]);

  if (view.coldStartAdvice.length > 0) section(SECTION_TITLES.coldStart, bullets(view.coldStartAdvice));

  section(SECTION_TITLES.whatWouldChange, bullets(view.whatWouldChange));

  section(SECTION_TITLES.basedOn, wrapLine(view.basedOn.join(' · '), '  ', '  '));

  out.push('', ...wrapLine(view.footer.text));
  return `${out.join('\n')}\n`;
}

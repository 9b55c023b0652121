import { Lexer, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ReviewRecord } from '../../src/app/review-record.js';
import { MODEL_LABELS, MODELS } from '../../src/core/models.js';
import type { Recommendation } from '../../src/core/recommendation.js';
import { MADR_SECTIONS, renderMadr } from '../../src/render/madr.js';
import { NASTY_NAME, RECOMMENDATION_FIXTURES, faasPick } from '../fixtures/recommendations/index.js';
import { markdownProblems } from '../security/helpers/inert.js';

const HOSTILE_NOTE = '# Heading\n> quote [link](https://evil.example) <img src=x> @team $x$ ---';
const HOSTILE_PERSON = 'Eve\n---\nstatus: accepted';

/** A finished Slack review of `rec`, answered by two people, with nothing decided yet. */
function recordOf(rec: Recommendation, overrides: Partial<ReviewRecord> = {}): ReviewRecord {
  const at = '2026-03-02T10:00:00.000Z';
  return {
    id: 'r-0123456789',
    name: rec.profile.name,
    platform: 'slack',
    workspaceId: 'T0001',
    channelId: 'C0001',
    threadRef: '1712345678.000100',
    requesterId: 'U_REQ',
    status: 'completed',
    recordStatus: 'proposed',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: at,
    completedAt: at,
    people: { U_REQ: 'Ada Lovelace' },
    participants: [
      { userId: 'U_REQ', role: 'requester', addedBy: 'U_REQ', addedAt: '2026-03-01T09:00:00.000Z' },
      { userId: 'U_ANS', role: 'participant', addedBy: 'U_REQ', addedAt: '2026-03-01T09:01:00.000Z' },
      { userId: 'U_WATCH', role: 'participant', addedBy: 'U_REQ', addedAt: '2026-03-01T09:02:00.000Z' },
    ],
    answers: [
      {
        questionId: 'traffic',
        question: 'What does its traffic look like over a day?',
        value: 'bursty',
        label: 'Bursty',
        answeredBy: 'U_ANS',
        answeredAt: '2026-03-01T09:05:00.000Z',
        history: [
          { action: 'answer', value: 'steady', label: 'Steady', actor: 'U_REQ', at: '2026-03-01T09:04:00.000Z' },
          { action: 'change', value: 'bursty', label: 'Bursty', actor: 'U_ANS', at: '2026-03-01T09:05:00.000Z' },
        ],
      },
    ],
    recommendation: { id: 7, createdAt: at, result: rec },
    decidingAnswers: rec.decidingRules.map((r, i) => ({ ruleId: r.id, questionIds: i === 0 ? ['traffic'] : [] })),
    decisions: [],
    signOff: 'not_requested',
    approvers: [],
    signOffs: [],
    supersedes: null,
    supersededBy: null,
    ...overrides,
  };
}

interface ParsedRecord {
  frontMatter: Record<string, unknown>;
  tokens: Token[];
  headings: Array<{ depth: number; text: string }>;
  /** The tokens under a heading, up to the next heading of the same or a higher level. */
  section(title: string): Token[];
}

/** Splits the YAML front matter off and lexes the rest as GitHub Markdown. */
function parseRecord(markdown: string): ParsedRecord {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('no front matter');
  const frontMatter = parse(match[1]!) as Record<string, unknown>;
  const tokens = new Lexer({ gfm: true }).lex(markdown.slice(match[0].length));
  const headings = tokens.filter((t): t is Tokens.Heading => t.type === 'heading').map((h) => ({ depth: h.depth, text: h.text }));
  const section = (title: string) => {
    const start = tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).text === title);
    if (start < 0) return [];
    const depth = (tokens[start] as Tokens.Heading).depth;
    const end = tokens.findIndex((t, i) => i > start && t.type === 'heading' && (t as Tokens.Heading).depth <= depth);
    return tokens.slice(start + 1, end < 0 ? undefined : end);
  };
  return { frontMatter, tokens, headings, section };
}

/** The items of the first list in a section, as rendered text. */
function listItems(tokens: Token[]): string[] {
  const list = tokens.find((t): t is Tokens.List => t.type === 'list');
  return list ? list.items.map((item) => item.text) : [];
}

/** Every token of a kind, anywhere in the tree. */
function tokensOfType(tokens: Token[], type: string): Token[] {
  const found: Token[] = [];
  const walk = (list: Token[]) => {
    for (const token of list) {
      if (token.type === type) found.push(token);
      const nested = [...('tokens' in token && Array.isArray(token.tokens) ? token.tokens : []), ...('items' in token ? token.items : [])];
      walk(nested as Token[]);
    }
  };
  walk(tokens);
  return found;
}

const unescapeMarkdown = (text: string) => text.replace(/\\([\\`*_{}[\]()<>|~&$#+-.!])/g, '$1').replace(/@\u200b/g, '@');

describe('renderMadr', () => {
  it.each(RECOMMENDATION_FIXTURES)('%s: MADR 4.0 front matter and sections, in the template order', (_name, rec) => {
    const parsed = parseRecord(renderMadr(recordOf(rec)));
    expect(Object.keys(parsed.frontMatter)).toEqual(['status', 'date', 'decision-makers', 'consulted', 'informed']);
    expect(parsed.frontMatter.status).toBe('proposed');
    expect(parsed.frontMatter.date).toBe('2026-03-02');
    // The requester by display name; U_ANS answered (consulted); U_WATCH only took part (informed).
    expect(parsed.frontMatter['decision-makers']).toEqual(['Ada Lovelace']);
    expect(parsed.frontMatter.consulted).toEqual(['U_ANS']);
    expect(parsed.frontMatter.informed).toEqual(['U_WATCH']);

    const ranked = rec.ranking.map((r) => MODEL_LABELS[r.model]);
    expect(parsed.headings).toEqual([
      { depth: 1, text: expect.stringContaining(`on ${MODEL_LABELS[rec.recommended]}`) },
      { depth: 2, text: MADR_SECTIONS.context },
      { depth: 2, text: MADR_SECTIONS.drivers },
      { depth: 2, text: MADR_SECTIONS.options },
      { depth: 2, text: MADR_SECTIONS.outcome },
      { depth: 3, text: MADR_SECTIONS.consequences },
      { depth: 3, text: MADR_SECTIONS.confirmation },
      { depth: 2, text: MADR_SECTIONS.prosAndCons },
      ...ranked.map((text) => ({ depth: 3, text })),
      { depth: 2, text: MADR_SECTIONS.moreInformation },
    ]);
    expect(listItems(parsed.section(MADR_SECTIONS.options)).sort()).toEqual(MODELS.map((m) => MODEL_LABELS[m]).sort());
  });

  it('says what was recommended, why, what would change it, and every model with its reasons and cost', () => {
    const parsed = parseRecord(renderMadr(recordOf(faasPick)));
    const outcome = parsed.section(MADR_SECTIONS.outcome);
    const chosen = outcome.find((t) => t.type === 'paragraph')!;
    expect(chosen.raw).toMatch(/^Chosen option: "functions \(FaaS\)", as recommended \(no decision is recorded yet\), because /);

    // A driver names the answer the rule read.
    const drivers = listItems(parsed.section(MADR_SECTIONS.drivers));
    expect(drivers).toHaveLength(faasPick.decidingRules.length);
    expect(unescapeMarkdown(drivers[0]!)).toContain('from the answers: What does its traffic look like over a day? Bursty');

    const confirmation = listItems(parsed.section(MADR_SECTIONS.confirmation)).map(unescapeMarkdown);
    expect(confirmation).toEqual(faasPick.whatWouldChange);

    const faas = parsed.section(MODEL_LABELS.faas);
    const faasCost = faasPick.costEstimates.find((e) => e.model === 'faas')!.monthlyUsd!;
    expect(unescapeMarkdown(faas.find((t) => t.type === 'paragraph')!.raw)).toContain(
      `Verdict: ✅ optimal (recommended). Cost: about $${Math.round(faasCost)}`,
    );
    expect(unescapeMarkdown(listItems(faas)[0]!)).toBe(
      `Good, because ${faasPick.ranking[0]!.reasons[0]!.replace(/^[A-Z]/, (c) => c.toLowerCase())}`,
    );
    const wasm = listItems(parsed.section(MODEL_LABELS.wasm_edge));
    expect(wasm[0]).toMatch(/^Bad, because /);

    const more = listItems(parsed.section(MADR_SECTIONS.moreInformation)).map(unescapeMarkdown);
    expect(more).toContain(`Rules version: ${faasPick.rulesVersion}`);
    expect(more).toContain('Review id: r-0123456789');
    expect(more).toContain('Thread: <https://app.slack.com/client/T0001/C0001/thread/C0001-1712345678.000100>');
    expect(more).toContain('Sign-off: not requested');
  });

  it('a recorded decision against the advice is the chosen option; its maker is a decision-maker', () => {
    const record = recordOf(faasPick, {
      decisions: [
        { model: 'containers', againstAdvice: true, decidedBy: 'U_ANS', note: 'We run EKS already', at: '2026-03-04T12:00:00.000Z' },
      ],
    });
    const parsed = parseRecord(renderMadr(record));
    expect(parsed.headings[0]!.text).toContain('on containers');
    expect(parsed.frontMatter.date).toBe('2026-03-04');
    expect(parsed.frontMatter['decision-makers']).toEqual(['U_ANS']);
    expect(parsed.frontMatter.consulted).toEqual(['Ada Lovelace']);
    const chosen = parsed.section(MADR_SECTIONS.outcome).find((t) => t.type === 'paragraph')!;
    expect(unescapeMarkdown(chosen.raw)).toContain('Chosen option: "containers", recorded by U_ANS on 2026-03-04 against the advice');
    expect(chosen.raw).toContain('recommended "functions (FaaS)"');
    expect(parsed.section(MODEL_LABELS.containers).find((t) => t.type === 'paragraph')!.raw).toContain('(chosen)');
  });

  it('a superseded review says by which review, in the status and under More Information', () => {
    const parsed = parseRecord(
      renderMadr(recordOf(faasPick, { recordStatus: 'superseded', supersededBy: 'r-9999999999', supersedes: 'r-0000000001' })),
    );
    expect(parsed.frontMatter.status).toBe('superseded by r-9999999999');
    const more = listItems(parsed.section(MADR_SECTIONS.moreInformation)).map(unescapeMarkdown);
    expect(more).toContain('Superseded by the later review r-9999999999 of the same workload');
    expect(more).toContain('Supersedes the earlier review r-0000000001 of the same workload');
  });

  it('user text cannot add headings, links, HTML, mentions or front matter keys', () => {
    const record = recordOf(
      { ...faasPick, profile: { ...faasPick.profile, name: NASTY_NAME } },
      {
        name: `${NASTY_NAME}\n# injected`,
        people: { U_REQ: HOSTILE_PERSON },
        decisions: [{ model: 'faas', againstAdvice: false, decidedBy: 'U_REQ', note: HOSTILE_NOTE, at: '2026-03-04T12:00:00.000Z' }],
      },
    );
    const out = renderMadr(record);
    const parsed = parseRecord(out);
    expect(Object.keys(parsed.frontMatter)).toEqual(['status', 'date', 'decision-makers', 'consulted', 'informed']);
    expect(parsed.frontMatter.status).toBe('proposed');
    expect(parsed.frontMatter['decision-makers']).toEqual(['Eve --- status: accepted']);
    expect(parsed.headings.filter((h) => h.text.includes('injected') || h.text === 'Heading')).toEqual([
      { depth: 1, text: expect.stringMatching(/^Run .*injected on functions/) },
    ]);
    // No link with text of its own (GitHub shows a bare URL in text as itself); no raw HTML; no block quote.
    const links = tokensOfType(parsed.tokens, 'link') as Tokens.Link[];
    expect(links.map((l) => l.href)).toContain('https://app.slack.com/client/T0001/C0001/thread/C0001-1712345678.000100');
    expect(links.filter((l) => l.raw.startsWith('[') || l.raw.startsWith('!'))).toEqual([]);
    expect(tokensOfType(parsed.tokens, 'html')).toEqual([]);
    expect(tokensOfType(parsed.tokens, 'blockquote')).toEqual([]);
    expect(/@[\p{L}\p{N}_]/u.test(out)).toBe(false);
    const body = out.slice(out.indexOf('\n---\n') + 5);
    expect(markdownProblems(body).filter((p) => !p.startsWith('link/image') && !p.startsWith('raw <') && !p.includes('heading'))).toEqual(
      [],
    );
    expect(unescapeMarkdown(out)).toContain(`Decision note: ${HOSTILE_NOTE.replace(/\n/g, ' ')}`);
  });

  it('an unfinished review still renders every section it can, and says there is no recommendation', () => {
    const parsed = parseRecord(renderMadr(recordOf(faasPick, { status: 'in_progress', recommendation: null, completedAt: null })));
    expect(parsed.headings.map((h) => h.text)).toEqual([
      expect.stringMatching(/^Where to run /),
      MADR_SECTIONS.context,
      MADR_SECTIONS.drivers,
      MADR_SECTIONS.options,
      MADR_SECTIONS.outcome,
      MADR_SECTIONS.moreInformation,
    ]);
    expect(listItems(parsed.section(MADR_SECTIONS.options))).toHaveLength(5);
  });
});

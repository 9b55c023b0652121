/**
 * Mention and link injection through every renderer: each corpus entry as the workload name, an answer label,
 * a display name, a decision note, question text and notice text, rendered in every format, must come out inert.
 * The digest part seeds a real SQLite file through ReviewService and renders what buildDigest reads back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DECISION_NOTE_LENGTH } from '../../src/app/review-service.js';
import { toQuestionView } from '../../src/app/question-view.js';
import { loadInterviewScript } from '../../src/content/load-prompts.js';
import { loadDecisionContent } from '../../src/content/load-rules.js';
import { MODELS } from '../../src/core/models.js';
import { WorkloadProfileSchema, defaultedFields, type WorkloadProfileInput } from '../../src/core/profile.js';
import { recommend } from '../../src/core/recommend.js';
import type { Recommendation } from '../../src/core/recommendation.js';
import {
  applyDigestCommand,
  buildDigest,
  parseDigestCommand,
  renderDigestBlocks,
  renderDigestCard,
  type DigestStore,
} from '../../src/digest/index.js';
import { expiredNotice, nudgeNotice } from '../../src/digest/reminder-notice.js';
import { renderRecommendationCard } from '../../src/render/adaptive-card.js';
import { renderRecommendationBlocks } from '../../src/render/block-kit.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { cleanInline } from '../../src/render/escape.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { reaskText, texts } from '../../src/conversation/texts.js';
import { noticeBlocks, noticeCard } from '../../src/render/notices.js';
import { PLAIN_TEXT_WIDTH, displayWidth, renderPlainText } from '../../src/render/plain-text.js';
import { renderAnsweredQuestionBlocks, renderQuestionBlocks } from '../../src/render/question-blocks.js';
import { renderAnsweredQuestionCard, renderQuestionCard } from '../../src/render/question-card.js';
import { toRecommendationView } from '../../src/render/recommendation-view.js';
import type { Review } from '../../src/storage/index.js';
import { cancelledQuestionCard, helpCard, introCard, listCard, wentBackCard } from '../../src/teams/teams-cards.js';
import {
  adaptiveCardProblems,
  adaptiveMarkdownProblems,
  allStrings,
  blockKitProblems,
  markdownProblems,
  plainTextProblems,
  slackMrkdwnProblems,
} from './helpers/inert.js';
import { completeReview, movableClock, tempServices, type TempServices } from './helpers/reviews.js';
import { CARD_SIZE_BUDGET_BYTES, cardSizeBytes } from '../render/helpers/adaptive-card-validate.js';
import { INJECTION_CORPUS, profileName, type CorpusEntry } from './injection-corpus.js';

const content = loadDecisionContent();
const script = loadInterviewScript();

// Profiles that between them fill every section of the card: warnings, a cost table with a break-even and with
// models that cannot run it, no volume (notes only), commitment and spot figures, cold-start advice, what would change.
const PROFILES: WorkloadProfileInput[] = [
  { name: 'x', kind: 'api', traffic: 'bursty', peakToBaseline: 1000, avgRequestsPerSecond: 5, durationSeconds: 0.2 },
  {
    name: 'x',
    kind: 'api',
    traffic: 'variable',
    avgRequestsPerSecond: 300,
    durationSeconds: 0.005,
    latencyTargetMs: 50,
    memoryMb: 64,
    runtime: 'rust',
    edge: true,
  },
  { name: 'x', kind: 'database', state: 'local_persistent', traffic: 'steady', durationSeconds: 86_400 },
  { name: 'x', kind: 'batch_job', traffic: 'scheduled', runsPerDay: 24, durationSeconds: 600 },
  { name: 'x', kind: 'api', traffic: 'sporadic', avgRequestsPerSecond: 50, durationSeconds: 2, latencyTargetMs: 100, runtime: 'python' },
  {
    name: 'x',
    kind: 'ml_training',
    traffic: 'scheduled',
    runsPerDay: 4,
    durationSeconds: 3600,
    hardware: ['gpu'],
    interruptible: true,
    cloud: 'gcp',
  },
];

function recommendationFor(entry: CorpusEntry, i: number): Recommendation {
  const raw = { ...PROFILES[i % PROFILES.length], name: profileName(entry.text) };
  return recommend(content, WorkloadProfileSchema.parse(raw), { defaulted: defaultedFields(raw) });
}

/**
 * The recommendation with the text added to everything the core writes (rule texts and sources come from YAML,
 * figures' bases from price tables): renderers escape those too, as belt and braces.
 */
function hostileEverywhere(rec: Recommendation, text: string): Recommendation {
  const add = (line: string) => `${line} ${text}`;
  return {
    ...rec,
    summary: add(rec.summary),
    warnings: [...rec.warnings, text].map(add),
    ranking: rec.ranking.map((r) => ({ ...r, reasons: [...r.reasons, 'Also'].map(add) })),
    decidingRules: rec.decidingRules.map((r) => ({ ...r, reason: add(r.reason), source: add(r.source) })),
    costEstimates: rec.costEstimates.map((e) => ({
      ...e,
      basis: add(e.basis),
      ...(e.notRunnable ? { notRunnable: add(e.notRunnable) } : {}),
    })),
    // the per-model lines keep their "Model: " start; the notes (break-even, assumptions) get the text
    costCaveats: rec.costCaveats.map(add),
    costAssumptions: add(rec.costAssumptions),
    coldStartAdvice: [...rec.coldStartAdvice, 'Advice'].map(add),
    whatWouldChange: [...rec.whatWouldChange, 'Change'].map(add),
  };
}

/**
 * A word of the text as people would see it (its longest ASCII word, at most 6 characters; entity names do not
 * count): finding it in the output proves the text was rendered, not dropped. Escaping never splits a word.
 */
function visiblePart(text: string): string {
  const words = (cleanInline(text).match(/[A-Za-z0-9]+/g) ?? []).filter((w) => !/^(lt|gt|amp)$/i.test(w));
  const longest = words.reduce((best, w) => (w.length > best.length ? w : best), '');
  return longest.slice(0, 6);
}

function expectVisible(output: unknown, entry: CorpusEntry): void {
  const wanted = visiblePart(entry.text);
  if (wanted) expect(allStrings(output), `${entry.id} should still be shown`).toContain(wanted);
}

const REVIEW_ID = 'r-sec00000001';
const REQUESTER = 'U0REQUESTER';

function reviewNamed(name: string, overrides: Partial<Review> = {}): Review {
  return {
    id: REVIEW_ID,
    platform: 'teams',
    workspaceId: 'tenant',
    channelId: '19:chan@thread.tacv2',
    threadRef: null,
    conversationRef: null,
    audience: null,
    requesterId: REQUESTER,
    workloadName: name,
    status: 'in_progress',
    reopenedQuestionId: null,
    reopenedBy: null,
    revisit: [],
    createdAt: 0,
    updatedAt: 0,
    completedAt: null,
    lastActivityAt: 0,
    ...overrides,
  };
}

describe.each(INJECTION_CORPUS.map((e, i) => ({ ...e, i })))('corpus entry $id', (entry) => {
  it('is inert as the workload name in every recommendation format', () => {
    const rec = recommendationFor(entry, entry.i);
    // the stored name (any length a platform lets through) and the profile's own name
    for (const view of [toRecommendationView(rec, { reviewId: REVIEW_ID, workloadName: entry.text }), toRecommendationView(rec)]) {
      const changeOptions = script.questions.slice(0, 3).map((q) => ({ questionId: q.id, label: q.text }));
      const actions = view.reviewId !== null; // the CLI's view has no review, hence no actions
      const blocks = renderRecommendationBlocks(view, { actions, changeOptions });
      expect(blockKitProblems(blocks)).toEqual([]);
      expectVisible(blocks.blocks[0], entry); // the header

      const card = renderRecommendationCard(view, { actions, changeOptions });
      expect(adaptiveCardProblems(card)).toEqual([]);
      expectVisible(card, entry);

      const markdown = renderMarkdown(view);
      expect(markdownProblems(markdown)).toEqual([]);
      expectVisible(markdown, entry);

      const plain = renderPlainText(view);
      expect(plainTextProblems('plain', plain)).toEqual([]);
      expectVisible(plain, entry);
    }
  });

  it('is inert in every text the core writes, in every recommendation format, within every size limit', () => {
    const rec = hostileEverywhere(recommendationFor(entry, entry.i), entry.text);
    const view = toRecommendationView(rec, { reviewId: REVIEW_ID });
    const changeOptions = script.questions.map((q) => ({ questionId: q.id, label: q.text }));

    const blocks = renderRecommendationBlocks(view, { actions: true, changeOptions });
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(checkBlockKitLimits(blocks, 'message')).toEqual([]);
    expectVisible(blocks, entry);

    const card = renderRecommendationCard(view, { actions: true, changeOptions });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardSizeBytes(card)).toBeLessThan(CARD_SIZE_BUDGET_BYTES);
    expectVisible(card, entry);

    const markdown = renderMarkdown(view);
    expect(markdownProblems(markdown)).toEqual([]);
    expectVisible(markdown, entry);

    const plain = renderPlainText(view);
    expect(plainTextProblems('plain', plain)).toEqual([]);
    for (const line of plain.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(PLAIN_TEXT_WIDTH);
    expectVisible(plain, entry);
  });

  it('is inert in change-answer labels (user text reaching choice labels)', () => {
    const view = toRecommendationView(recommendationFor(entry, entry.i), { reviewId: REVIEW_ID, workloadName: entry.text });
    const changeOptions = [{ questionId: 'workload_kind', label: entry.text }];
    expect(blockKitProblems(renderRecommendationBlocks(view, { actions: true, changeOptions }))).toEqual([]);
    expect(adaptiveCardProblems(renderRecommendationCard(view, { actions: true, changeOptions }))).toEqual([]);
  });

  it('is inert as a typed answer label and a display name on answered question cards', () => {
    for (const question of script.questions) {
      const view = toQuestionView(REVIEW_ID, {
        kind: 'question',
        question,
        progress: { position: 3, total: 7, exact: true },
        canGoBack: true,
      });
      const blocks = renderAnsweredQuestionBlocks(view, entry.text, entry.text);
      expect(blockKitProblems(blocks), question.id).toEqual([]);
      expectVisible(blocks, entry);
      const card = renderAnsweredQuestionCard(view, entry.text, entry.text);
      expect(adaptiveCardProblems(card), question.id).toEqual([]);
      expectVisible(card, entry);
    }
  });

  it('is inert in question cards even when the question itself carries it', () => {
    for (const question of script.questions) {
      const base = toQuestionView(REVIEW_ID, {
        kind: 'question',
        question,
        progress: { position: 2, total: 4, exact: true },
        canGoBack: true,
      });
      const hostile = {
        ...base,
        text: entry.text,
        help: entry.text,
        ...(base.choices ? { choices: base.choices.map((c) => ({ ...c, label: entry.text })) } : {}),
        placeholder: entry.text,
      };
      for (const view of [base, hostile]) {
        expect(blockKitProblems(renderQuestionBlocks(view)), question.id).toEqual([]);
        expect(adaptiveCardProblems(renderQuestionCard(view)), question.id).toEqual([]);
      }
      expectVisible(renderQuestionBlocks(hostile), entry);
      expectVisible(renderQuestionCard(hostile), entry);
    }
  });

  it('is inert in notices (re-asks, failures, free notices)', () => {
    for (const text of [
      entry.text,
      reaskText(entry.text),
      texts.decisionRefused(entry.text),
      `A review of ${entry.text} is already running here.`,
    ]) {
      const blocks = noticeBlocks(text);
      expect(blockKitProblems(blocks)).toEqual([]);
      const card = noticeCard(text);
      expect(adaptiveCardProblems(card)).toEqual([]);
    }
    expectVisible(noticeBlocks(entry.text), entry);
    expectVisible(noticeCard(entry.text), entry);
  });

  it('is inert in the Teams intro, list, went-back and cancelled cards', () => {
    const review = reviewNamed(entry.text);
    for (const type of ['personal', 'channel', 'groupChat'] as const) {
      const intro = introCard(review, entry.text, type);
      expect(adaptiveCardProblems(intro), type).toEqual([]);
      expectVisible(intro.body, entry);
      expect(adaptiveCardProblems(helpCard(type))).toEqual([]);
    }
    const list = listCard([review, reviewNamed(entry.text, { id: 'r-2', status: 'completed' })]);
    expect(adaptiveCardProblems(list)).toEqual([]);
    expectVisible(list, entry);
    for (const card of [wentBackCard(entry.text), cancelledQuestionCard(entry.text)]) {
      expect(adaptiveCardProblems(card)).toEqual([]);
      expectVisible(card.body, entry);
    }
  });

  it('is inert in the reminder and expiry notes (Slack blocks, Teams card body)', () => {
    const review = reviewNamed(entry.text);
    for (const notice of [nudgeNotice(review, 30, 7), expiredNotice(review, 7)]) {
      expect(blockKitProblems(notice.slack)).toEqual([]);
      expect(adaptiveCardProblems({ ...notice.teams, fallbackText: undefined })).toEqual([]);
      expectVisible(notice.slack.blocks, entry);
      expectVisible(notice.teams.body, entry);
    }
  });
});

describe('reminder notes, Teams fallback text', () => {
  it('cleans control and bidi characters from the fallback text', () => {
    const problems = INJECTION_CORPUS.flatMap((entry) =>
      [nudgeNotice(reviewNamed(entry.text), 30, 7), expiredNotice(reviewNamed(entry.text), 7)].flatMap((n) =>
        adaptiveCardProblems({ fallbackText: n.teams.fallbackText }).map((p) => `${entry.id}: ${p}`),
      ),
    );
    expect(problems).toEqual([]);
  });
});

describe('digest command replies', () => {
  let services: TempServices;
  let digests: DigestStore;
  beforeAll(async () => {
    services = await tempServices(movableClock(Date.parse('2026-03-02T10:00:00Z')));
    digests = services.store;
  });
  afterAll(() => services.dispose());

  it.each(INJECTION_CORPUS.map((e) => [e.id, e] as const))('%s typed into a digest command is echoed inert', async (_id, entry) => {
    const place = { platform: 'slack' as const, workspaceId: 'T0SEC', channelId: 'C0SECDIGEST' };
    const texts = [
      `digest ${entry.text}`,
      `digest weekly ${entry.text} 09:00 UTC`,
      `digest weekly mon ${entry.text} UTC`,
      `digest weekly mon 09:00 ${entry.text}`,
      `digest weekly mon 09:00 UTC ${entry.text}`,
    ];
    for (const text of texts) {
      const parsed = parseDigestCommand(text);
      const reply =
        parsed.kind === 'error'
          ? parsed.reply
          : (await applyDigestCommand(digests, services.clock, place, REQUESTER, parsed.command)).reply;
      expect(slackMrkdwnProblems('mrkdwn', reply.mrkdwn)).toEqual([]);
      expect(adaptiveMarkdownProblems('teams', reply.teamsMarkdown)).toEqual([]);
    }
  });
});

describe('the weekly digest with hostile workload names and decision notes', () => {
  const T0 = Date.parse('2026-03-02T09:00:00Z'); // a Monday
  const clock = movableClock(T0);
  let services: TempServices;
  let digests: DigestStore;
  const channelOf = (i: number) => `C0SEC${String(i).padStart(3, '0')}`;
  const threadOf = (i: number) => `1772441${String(i).padStart(3, '0')}.000${String(i).padStart(3, '0')}`;
  /** Links and channel references our digest builds from checked ids. */
  const SLACK_ALLOWED = [/<https:\/\/slack\.com\/archives\/C0SEC\d{3}\/p\d+\|[^<>]*>/, /<#C0SEC\d{3}>/];
  const CARD_LINKS = [/^https:\/\/slack\.com\/archives\/C0SEC\d{3}\/p\d+$/];

  beforeAll(async () => {
    services = await tempServices(clock);
    digests = services.store;
    for (const [i, entry] of INJECTION_CORPUS.entries()) {
      const place = {
        platform: 'slack' as const,
        workspaceId: 'T0SEC',
        channelId: channelOf(i),
        threadRef: threadOf(i),
        audience: 'workspace',
      };
      clock.set(T0 + i * 1000);
      // a completed review (its name must pass the profile schema to finish) with a decision against the advice
      const done = (await services.reviews.start(place, REQUESTER, profileName(entry.text))).review;
      const rec = await completeReview(services.reviews, done.id, REQUESTER);
      const against = MODELS.find((m) => rec.verdicts[m] === 'unsuitable' || rec.verdicts[m] === 'caution');
      if (!against) throw new Error(`no model against the advice for ${entry.id}`);
      // Notes longer than the use case accepts are written directly, as an older database might hold them.
      if (entry.text.length <= MAX_DECISION_NOTE_LENGTH) {
        expect(await services.reviews.recordDecision(done.id, REQUESTER, against, { note: entry.text })).toMatchObject({
          kind: 'ok',
          againstAdvice: true,
        });
      } else {
        await services.store.decisions.record({
          reviewId: done.id,
          chosenModel: against,
          againstAdvice: true,
          decidedBy: REQUESTER,
          note: entry.text,
          at: clock.now(),
        });
      }
      // a stalled interview in another thread, with the full (possibly very long) name as stored
      await services.reviews.start({ ...place, threadRef: `${threadOf(i)}1` }, REQUESTER, entry.text);
    }
    clock.set(T0 + 2 * 86_400_000);
  });
  afterAll(() => services.dispose());

  it.each(INJECTION_CORPUS.map((e, i) => [e.id, e, i] as const))(
    '%s: per-channel digest is inert in Slack and Teams',
    async (_id, entry, i) => {
      const view = await buildDigest(
        digests,
        { platform: 'slack', workspaceId: 'T0SEC', channelId: channelOf(i), scope: 'channel', timeZone: 'Europe/Berlin' },
        clock.now(),
      );
      expect(view.completed.total).toBe(1);
      expect(view.againstAdvice.total).toBe(1);
      expect(view.stalled.total).toBe(1);
      expect(view.againstAdvice.items[0]!.note).toBe(entry.text);

      const slack = renderDigestBlocks(view);
      expect(blockKitProblems(slack, SLACK_ALLOWED)).toEqual([]);
      expect(slack).toMatchObject({ unfurl_links: false, unfurl_media: false });
      expectVisible(slack.blocks, entry);

      const card = renderDigestCard(view);
      expect(adaptiveCardProblems(card, CARD_LINKS)).toEqual([]);
      expectVisible(card, entry);

      // Teams digests carry no thread links
      const unlinked = <T extends { link: string | null }>(list: { total: number; items: T[] }) => ({
        ...list,
        items: list.items.map((item) => ({ ...item, link: null })),
      });
      const teamsView = {
        ...view,
        platform: 'teams' as const,
        completed: unlinked(view.completed),
        againstAdvice: unlinked(view.againstAdvice),
        stalled: unlinked(view.stalled),
      };
      expect(adaptiveCardProblems(renderDigestCard(teamsView))).toEqual([]);
    },
  );

  it('a workspace digest (channel references, many hostile items, capped lists) is inert', async () => {
    for (const listLimit of [10, 200]) {
      const view = await buildDigest(
        digests,
        { platform: 'slack', workspaceId: 'T0SEC', channelId: channelOf(0), scope: 'workspace', timeZone: 'UTC', audience: 'workspace' },
        clock.now(),
        { listLimit },
      );
      expect(view.completed.total).toBe(INJECTION_CORPUS.length);
      const slack = renderDigestBlocks(view);
      expect(blockKitProblems(slack, SLACK_ALLOWED)).toEqual([]);
      expect(JSON.stringify(slack)).toMatch(/<#C0SEC\d{3}>/); // the channel references are really there
      expect(adaptiveCardProblems(renderDigestCard(view), CARD_LINKS)).toEqual([]);
    }
  });
});

/**
 * The conversation with real use cases on a temp SQLite file and each platform's real renderer, answering through a
 * fake outbox that records what was posted, updated and told. The renderer is wrapped so every recorded message
 * also says what it was drawn as ("question", "answered", "notice: <text>"): the table-driven suite then reads the
 * same for Slack and Teams.
 */
import type { AnswerInput } from '../../src/app/review-types.js';
import { Conversation, type Intent, type Outbox, type Renderer, type Turn, type Where } from '../../src/conversation/index.js';
import { createLogger } from '../../src/logger.js';
import type { Review } from '../../src/storage/index.js';
import { slackRenderer } from '../../src/slack/slack-renderer.js';
import { teamsRenderer } from '../../src/teams/teams-renderer.js';
import { type MovableClock, movableClock, type TempServices, tempServices, validAnswer } from '../security/helpers/reviews.js';

export type PlatformName = 'slack' | 'teams';

/** A rendered message with what it was drawn as. */
export interface Drawn {
  as: string;
  message: unknown;
}

export interface Sent {
  op: 'post' | 'update' | 'tell';
  as: string;
  reviewId?: string;
  broadcast?: boolean;
  ref?: string;
}

const RENDERERS: Record<PlatformName, Renderer<unknown>> = { slack: slackRenderer, teams: teamsRenderer };

/** The platform's renderer, drawing each message as before and naming it. Notices carry their text. */
function naming(renderer: Renderer<unknown>): Renderer<Drawn> {
  const named = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(renderer)) {
    named[key] =
      typeof value !== 'function' || ['resumeHint', 'postFailure'].includes(key)
        ? value
        : (...args: unknown[]) => {
            const message = (value as (...a: unknown[]) => unknown)(...args);
            if (message === undefined) return undefined;
            return { as: key === 'notice' ? `notice: ${String(args[0])}` : key, message };
          };
  }
  return named as unknown as Renderer<Drawn>;
}

export interface ConversationHarness {
  platform: PlatformName;
  services: TempServices;
  clock: MovableClock;
  sent: Sent[];
  /** Makes the next `n` posts fail with this code. */
  failPosts(n: number, code?: string): void;
  turn(
    intent: Intent,
    options?: { actor?: string; thread?: string | null; dedupeKey?: string; admin?: boolean; audience?: string | null; resumed?: boolean },
  ): Promise<Sent[]>;
  /** Starts a review in a thread of its own; returns it. */
  startReview(name?: string): Promise<Review>;
  answerCurrent(reviewId: string, options?: { actor?: string; dedupeKey?: string; clicked?: string }): Promise<Sent[]>;
  /** Answers (or skips, when optional) through the conversation until no question is left; the last turn's sends. */
  finishInterview(reviewId: string): Promise<Sent[]>;
  close(): void;
}

export const REQUESTER = 'U0REQUESTER';
export const STRANGER = 'U0STRANGER';
export const HELPER = 'U0HELPER';
const WORKSPACE = 'T0CONV';
const CHANNEL = 'C0CONV';

let refs = 0;

export async function conversationHarness(platform: PlatformName): Promise<ConversationHarness> {
  const clock = movableClock(Date.UTC(2026, 10, 23, 9, 0, 0));
  const services = await tempServices(clock);
  const conversation = new Conversation<Drawn>({
    services,
    renderer: naming(RENDERERS[platform]),
    logger: createLogger({ level: 'silent' }),
  });
  const sent: Sent[] = [];
  let failing = 0;
  let failCode = 'http_500';
  const outbox: Outbox<Drawn> = {
    tellsPrivately: platform === 'slack',
    async post(message, options = {}) {
      if (failing > 0) {
        failing -= 1;
        sent.push({ op: 'post', as: `failed ${message.as}` });
        return { ok: false, code: failCode };
      }
      const ref = `${1_763_000_000 + ++refs}.000100`;
      sent.push({
        op: 'post',
        as: message.as,
        ref,
        ...(options.review ? { reviewId: options.review.id } : {}),
        ...(options.broadcast ? { broadcast: true } : {}),
      });
      return { ok: true, ref };
    },
    async update(review, ref, message) {
      sent.push({ op: 'update', as: message.as, ref, reviewId: review.id });
      return true;
    },
    async tell(message) {
      sent.push({ op: 'tell', as: message.as });
    },
  };

  const harness: ConversationHarness = {
    platform,
    services,
    clock,
    sent,
    failPosts(n, code = 'http_500') {
      failing = n;
      failCode = code;
    },
    async turn(intent, options = {}) {
      const before = sent.length;
      const where: Where = {
        platform,
        workspaceId: WORKSPACE,
        channelId: CHANNEL,
        ...(options.thread ? { threadRef: options.thread } : {}),
      };
      // Teams turns carry a reference to their conversation (what a digest subscription stores to post later)
      if (platform === 'teams')
        where.conversationRef = { serviceUrl: 'http://127.0.0.1:9/', conversation: { id: options.thread ?? CHANNEL } };
      const turn: Turn = {
        intent,
        actor: { id: options.actor ?? REQUESTER, name: options.actor ?? 'Requester' },
        where,
        dedupeKey: options.dedupeKey,
        // the requester is an admin of a public channel unless a test says otherwise
        facts: {
          actorIsAdmin: async () => options.admin ?? true,
          audience: async () => (options.audience === undefined ? 'workspace' : options.audience),
        },
        ...(options.resumed ? { resumed: true } : {}),
      };
      await conversation.handle(turn, outbox);
      return sent.slice(before);
    },
    async startReview(name = 'payments-webhooks') {
      await harness.turn({ kind: 'start', workloadName: name });
      return (await services.reviews.listForUser(platform, WORKSPACE, REQUESTER, 1))[0]!.review;
    },
    async answerCurrent(reviewId, options = {}) {
      const step = await services.reviews.step(reviewId);
      if (step?.kind !== 'question') throw new Error(`no current question (${step?.kind})`);
      const review = (await services.reviews.get(reviewId))!;
      const input: AnswerInput = { text: validAnswer(step.question), questionId: step.question.id };
      return harness.turn(
        {
          kind: 'answer',
          reviewId,
          text: input.text,
          questionId: step.question.id,
          addressed: true,
          ...(options.clicked ? { clicked: options.clicked } : {}),
        },
        {
          ...(options.actor ? { actor: options.actor } : {}),
          ...(options.dedupeKey ? { dedupeKey: options.dedupeKey } : {}),
          thread: review.threadRef,
        },
      );
    },
    async finishInterview(reviewId) {
      let sent: Sent[] = [];
      for (let i = 0; i < 40; i++) {
        const step = await services.reviews.step(reviewId);
        if (step?.kind !== 'question') break;
        sent = step.question.optional
          ? await harness.turn({ kind: 'skip', reviewId, questionId: step.question.id })
          : await harness.answerCurrent(reviewId);
      }
      return sent;
    },
    close: () => services.dispose(),
  };
  return harness;
}

/** What a list of sends amounts to, e.g. ["post question", "update answered"]. */
export function shape(sends: Sent[]): string[] {
  return sends.map((s) => `${s.op} ${s.as}${s.broadcast ? ' (broadcast)' : ''}`);
}

import type { Logger } from 'pino';
import type { Clock } from '../app/clock.js';
import type { ReviewService } from '../app/review-service.js';
import type { AnswerResult, Refusal, ReviewActionResult, ReviewPlace, ReviewStep } from '../app/review-types.js';
import { toQuestionView } from '../app/question-view.js';
import type { Question } from '../core/interview/question.js';
import { MODELS, MODEL_LABELS, type Model } from '../core/models.js';
import { TEAMS_INPUT_IDS, TEAMS_SUBMIT_KINDS } from '../render/action-ids.js';
import { renderRecommendationCard } from '../render/adaptive-card.js';
import { cleanInline, truncate } from '../render/escape.js';
import { notParticipantText, noticeCard, reaskText } from '../render/notices.js';
import { renderAnsweredQuestionCard, renderQuestionCard } from '../render/question-card.js';
import { toRecommendationView } from '../render/recommendation-view.js';
import type { Review, Store } from '../storage/index.js';
import { handleDigestText, renderDigestCard, type DigestStore } from '../digest/index.js';
import { COMMAND_WORD, parseCommand } from './parse-command.js';
import { cancelledQuestionCard, helpCard, introCard, listCard, wentBackCard } from './teams-cards.js';
import type { TeamsInbound, TeamsOutbox } from './teams-message.js';

export interface InterviewControllerDeps {
  reviews: ReviewService;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Weekly digest subscriptions; absent in callers that do not offer digests. */
  digests?: DigestStore;
}

type QuestionStep = Extract<ReviewStep, { kind: 'question' }>;

const LIST_LIMIT = 10;
const CHANGE_LABEL_MAX = 90;

/** The dedupe key of a Teams activity: a redelivered activity changes nothing. */
export function teamsDedupeKey(activityId: string): string {
  return `teams:${activityId}`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A card input as answer text: multi-selects arrive comma-separated, "" (None of these) means none. */
function submittedText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',') || 'none';
  if (value === undefined || value === null) return '';
  const text = String(value);
  return text.trim() === '' ? 'none' : text;
}

/**
 * The Teams interview, SDK-free: turns one inbound message into calls on ReviewService and replies through
 * the outbox. Everything it needs between turns is in SQLite, so a restart loses nothing.
 */
export class TeamsInterviewController {
  constructor(private readonly deps: InterviewControllerDeps) {}

  async onMessage(msg: TeamsInbound, out: TeamsOutbox): Promise<void> {
    if (msg.value && typeof msg.value.ca === 'string') return this.onSubmit(msg, msg.value, out);
    const command = parseCommand(msg.text);
    switch (command.kind) {
      case 'start':
        return this.start(msg, command.workloadName, out);
      case 'usage':
        return this.notice(out, `Tell me what to review: ${COMMAND_WORD} <workload name>, e.g. ${COMMAND_WORD} payments-webhooks.`);
      case 'help':
        await out.send({ card: helpCard(msg.conversationType) });
        return;
      case 'list':
        await out.send({ card: listCard(this.deps.store.reviews.listForUser('teams', msg.tenantId, msg.fromId, LIST_LIMIT)) });
        return;
      case 'cancel':
        return this.cancel(msg, out);
      case 'add':
        return this.addPeople(msg, out);
      case 'digest':
        return this.digest(msg, command.text, out);
      case 'text':
        return this.typed(msg, command.text, out);
    }
  }

  /** Digest settings for this channel or chat; a preview is posted here (Teams has no asker-only messages). */
  private async digest(msg: TeamsInbound, text: string, out: TeamsOutbox): Promise<void> {
    const { clock, digests } = this.deps;
    if (!digests) return this.notice(out, 'Digests are not available on this server.');
    // Channel digests start a new thread in the channel, so store the reference without the reply chain.
    const result = handleDigestText(digests, clock, { platform: 'teams', workspaceId: msg.tenantId, channelId: msg.channelId, conversationRef: msg.conversationRef }, msg.fromId, text);
    if (result.kind === 'preview') {
      await out.send({ card: renderDigestCard(result.view) });
      return;
    }
    await out.send({ text: result.reply.teamsMarkdown });
  }

  /** A welcome when the app is added to a personal chat. */
  async onInstalled(conversationType: TeamsInbound['conversationType'], out: TeamsOutbox): Promise<void> {
    await out.send({ card: helpCard(conversationType) });
  }

  // ---- commands ------------------------------------------------------------------------------------------

  private async start(msg: TeamsInbound, workloadName: string, out: TeamsOutbox): Promise<void> {
    const { reviews } = this.deps;
    const open = reviews.findOpenByThread('teams', msg.channelId, msg.threadRef);
    if (open) {
      return this.notice(out, `A review of ${open.workloadName} is already running here (${open.id}). Answer it, or say "cancel" first.`);
    }
    const place: ReviewPlace = {
      platform: 'teams',
      workspaceId: msg.tenantId,
      channelId: msg.channelId,
      threadRef: msg.threadRef,
      conversationRef: msg.conversationRef,
    };
    const { review, step } = reviews.start(place, msg.fromId, workloadName);
    this.deps.logger.info({ reviewId: review.id, channelId: msg.channelId }, 'teams review started');
    const introId = await out.send({ card: introCard(review, msg.fromName, msg.conversationType) });
    if (introId) this.deps.store.messages.save(review.id, 'parent', '', introId, this.deps.clock.now());
    await this.sendStep(review, step, out);
  }

  private async cancel(msg: TeamsInbound, out: TeamsOutbox): Promise<void> {
    const { reviews, store } = this.deps;
    const open = reviews.findOpenByThread('teams', msg.channelId, msg.threadRef);
    if (!open) return this.notice(out, 'There is no review running here.');
    const before = reviews.step(open.id);
    const result = reviews.cancel(open.id, msg.fromId);
    if (result.kind !== 'ok') return this.refused(result, out);
    if (before?.kind === 'question') {
      const ref = store.messages.get(open.id, 'question', before.question.id)?.messageRef;
      if (ref) await this.tryUpdate(out, ref, cancelledQuestionCard(before.question.text));
    }
    await this.notice(out, `Cancelled the review of ${open.workloadName}.`);
  }

  private async addPeople(msg: TeamsInbound, out: TeamsOutbox): Promise<void> {
    const open = this.deps.reviews.findOpenByThread('teams', msg.channelId, msg.threadRef);
    if (!open) return this.notice(out, 'There is no review running here to add people to.');
    if (msg.mentions.length === 0) return this.notice(out, 'Mention the people to add, e.g. "add @Alex".');
    const added: string[] = [];
    for (const person of msg.mentions) {
      const result = this.deps.reviews.addParticipant(open.id, msg.fromId, person.id);
      if (result.kind === 'not_participant') return this.notice(out, 'Only the person who started this review can add people to it.');
      if (result.kind === 'ok' || result.kind === 'already') added.push(person.name || person.id);
    }
    await this.notice(out, `${added.join(', ')} can answer this review now.`);
  }

  // ---- answers -------------------------------------------------------------------------------------------

  private async typed(msg: TeamsInbound, text: string, out: TeamsOutbox): Promise<void> {
    const open = this.deps.reviews.findOpenByThread('teams', msg.channelId, msg.threadRef);
    if (!open) {
      if (text === '') return;
      return this.notice(out, `To start a review, send: ${COMMAND_WORD} <workload name>. Say "help" for more.`);
    }
    // A bare mention in the thread: show where the review stands (recovers a card that failed to post).
    if (text === '') {
      const step = this.deps.reviews.step(open.id);
      if (step) await this.sendStep(open, step, out);
      return;
    }
    const result = this.deps.reviews.answer(open.id, msg.fromId, { text, dedupeKey: teamsDedupeKey(msg.id) });
    await this.afterAnswer(msg, result, out, undefined);
  }

  private async onSubmit(msg: TeamsInbound, value: Record<string, unknown>, out: TeamsOutbox): Promise<void> {
    const reviewId = str(value.reviewId);
    if (!reviewId) return this.notice(out, 'That card is not one I recognise any more.');
    const questionId = str(value.questionId);
    const dedupeKey = teamsDedupeKey(msg.id);
    const { reviews } = this.deps;
    switch (value.ca) {
      case TEAMS_SUBMIT_KINDS.answer: {
        const result = reviews.answer(reviewId, msg.fromId, {
          text: submittedText(value[TEAMS_INPUT_IDS.value]),
          ...(questionId ? { questionId } : {}),
          dedupeKey,
        });
        return this.afterAnswer(msg, result, out, msg.replyToId);
      }
      case TEAMS_SUBMIT_KINDS.skip: {
        const before = questionId ? this.questionById(questionId) : undefined;
        const result = reviews.skip(reviewId, msg.fromId, questionId, dedupeKey);
        return this.afterAction(result, out, async (review) => {
          if (before) await this.markQuestion(review.id, before, out, renderAnsweredQuestionCard(this.viewOf(review.id, before), 'Skipped', msg.fromName), msg.replyToId);
        });
      }
      case TEAMS_SUBMIT_KINDS.back: {
        const before = questionId ? this.questionById(questionId) : undefined;
        const result = reviews.back(reviewId, msg.fromId, questionId, dedupeKey);
        return this.afterAction(result, out, async (review) => {
          if (before) await this.markQuestion(review.id, before, out, wentBackCard(before.text), msg.replyToId);
        });
      }
      case TEAMS_SUBMIT_KINDS.changeAnswer: {
        const target = str(value[TEAMS_INPUT_IDS.questionId]);
        if (!target) return this.notice(out, 'Pick the question to change first.');
        return this.afterAction(reviews.change(reviewId, msg.fromId, target, dedupeKey), out);
      }
      case TEAMS_SUBMIT_KINDS.recordDecision:
        return this.recordDecision(msg, reviewId, str(value[TEAMS_INPUT_IDS.chosenModel]), out);
      default:
        this.deps.logger.debug({ ca: value.ca }, 'teams submit of an unknown kind ignored');
    }
  }

  private async afterAnswer(msg: TeamsInbound, result: AnswerResult, out: TeamsOutbox, cardRef: string | undefined): Promise<void> {
    switch (result.kind) {
      case 'accepted': {
        // What comes next first (that is what the person waits for), then the answered card, even if the post
        // failed; the answered card is rendered only then, so its work does not delay the next question either.
        try {
          await this.sendStep(result.review, result.step, out);
        } finally {
          const answered = renderAnsweredQuestionCard(this.viewOf(result.review.id, result.question), result.label, msg.fromName);
          await this.markQuestion(result.review.id, result.question, out, answered, cardRef);
        }
        return;
      }
      case 'rejected':
        return this.notice(out, reaskText(result.message));
      default:
        return this.refused(result, out);
    }
  }

  private async afterAction(
    result: ReviewActionResult,
    out: TeamsOutbox,
    onOk?: (review: Review) => Promise<void>,
  ): Promise<void> {
    if (result.kind === 'ok') {
      try {
        await this.sendStep(result.review, result.step, out);
      } finally {
        await onOk?.(result.review);
      }
      return;
    }
    if (result.kind === 'rejected') return this.notice(out, result.message);
    return this.refused(result, out);
  }

  private async recordDecision(msg: TeamsInbound, reviewId: string, chosen: string | undefined, out: TeamsOutbox): Promise<void> {
    if (!chosen) return this.notice(out, 'Pick what you went with first.');
    if (!(MODELS as readonly string[]).includes(chosen)) return this.notice(out, 'That is not one of the models I know.');
    const { store, reviews, clock } = this.deps;
    const key = teamsDedupeKey(msg.id);
    if (store.events.hasProcessed(key)) return;
    const result = reviews.recordDecision(reviewId, msg.fromId, chosen as Model);
    if (result.kind === 'rejected') return this.notice(out, result.message);
    if (result.kind !== 'ok') return this.refused(result, out);
    store.events.markProcessed(key, 'teams', clock.now());
    const label = MODEL_LABELS[chosen as Model];
    await this.notice(
      out,
      result.againstAdvice
        ? `Decision recorded: ${label}, against the advice. It will show in the weekly digest.`
        : `Decision recorded: ${label}.`,
    );
  }

  // ---- sending -------------------------------------------------------------------------------------------

  /** Posts the next question or the recommendation, and remembers the activity id to update it later. */
  private async sendStep(review: Review, step: ReviewStep, out: TeamsOutbox): Promise<void> {
    const { store, clock } = this.deps;
    if (step.kind === 'question') {
      const id = await out.send({ card: renderQuestionCard(toQuestionView(review.id, step)) });
      if (id) store.messages.save(review.id, 'question', step.question.id, id, clock.now());
      return;
    }
    if (step.kind === 'completed') {
      const view = toRecommendationView(step.recommendation, { reviewId: review.id, workloadName: review.workloadName });
      const changeOptions = this.deps.reviews
        .answeredQuestions(review.id)
        .map((q) => ({ questionId: q.id, label: truncate(cleanInline(q.text), CHANGE_LABEL_MAX) }));
      const id = await out.send({ card: renderRecommendationCard(view, { actions: true, changeOptions }) });
      if (id) store.messages.save(review.id, 'card', '', id, clock.now());
      return;
    }
    await this.notice(out, `This review was ${step.status}.`);
  }

  /** Updates a question's card in place so it shows the outcome and has nothing left to click. */
  private async markQuestion(reviewId: string, question: Question, out: TeamsOutbox, card: ReturnType<typeof renderAnsweredQuestionCard>, fallbackRef?: string): Promise<void> {
    const ref = this.deps.store.messages.get(reviewId, 'question', question.id)?.messageRef ?? fallbackRef;
    if (ref) await this.tryUpdate(out, ref, card);
  }

  private async tryUpdate(out: TeamsOutbox, ref: string, card: ReturnType<typeof noticeCard>): Promise<void> {
    try {
      await out.update(ref, { card });
    } catch (error) {
      // The answer is stored; a card that could not be updated is cosmetic, and a second click on it is stale.
      this.deps.logger.warn({ err: error, activityId: ref }, 'teams card update failed');
    }
  }

  private async refused(result: Refusal | Exclude<ReviewActionResult, { kind: 'ok' }>, out: TeamsOutbox): Promise<void> {
    switch (result.kind) {
      case 'not_participant':
        return this.notice(out, notParticipantText());
      case 'not_found':
        return this.notice(out, 'I cannot find that review any more.');
      case 'closed':
        return this.notice(out, `The review of ${result.review.workloadName} is ${result.review.status.replace('_', ' ')}; start a new one with ${COMMAND_WORD} <name>.`);
      case 'rejected':
        return this.notice(out, result.message);
      case 'duplicate':
      case 'stale':
        return; // a redelivery or a click on an old card: nothing to say
    }
  }

  private async notice(out: TeamsOutbox, text: string): Promise<void> {
    await out.send({ card: noticeCard(text) });
  }

  private questionById(id: string): Question | undefined {
    return this.deps.reviews.script.questions.find((q) => q.id === id);
  }

  private viewOf(reviewId: string, question: Question) {
    const step: QuestionStep = { kind: 'question', question, progress: { answered: 0, remaining: 1 }, canGoBack: false };
    return toQuestionView(reviewId, step);
  }

  /** For the error handler: what to tell people when a turn failed. */
  static failureText(): string {
    // Answers are stored before anything is posted, so the useful advice is how to see where the review stands.
    return "Sorry, something went wrong while I was replying. Anything you answered is saved: mention me in this thread to see the current question.";
  }
}

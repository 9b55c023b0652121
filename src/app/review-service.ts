import { randomUUID } from 'node:crypto';
import { recommend, ruledOutByAnswers, type DecisionContent } from '../core/recommend.js';
import { readStoredRecommendation } from '../core/stored-recommendation.js';
import { MODELS, type Model } from '../core/models.js';
import { normalizeWorkloadName } from '../core/workload-name.js';
import type { InterviewScript, Question } from '../core/interview/question.js';
import type { LensInfo } from '../core/lens.js';
import {
  answerCurrent,
  answeredQuestions as engineAnsweredQuestions,
  cancel as cancelInterview,
  changeAnswer,
  currentQuestion,
  expire as expireInterview,
  goBack,
  position,
  skipCurrent,
  toProfile,
  type InterviewContext,
  type InterviewState,
  type Position,
} from '../core/interview/interview-engine.js';
import type { Recommendation } from '../core/recommendation.js';
import type { Decision, MessageKind, Platform, Review, Store } from '../storage/index.js';
import type { Clock } from './clock.js';
import { answerLabel } from './answer-label.js';
import type {
  AddResult,
  AnswerInput,
  AnswerResult,
  CompletedStep,
  DecisionResult,
  Gate,
  Refusal,
  ReviewActionResult,
  ReviewPlace,
  ReviewStep,
  ReviewSummary,
  ShareResult,
  StartResult,
} from './review-types.js';

export interface ReviewServiceDeps {
  store: Store;
  script: InterviewScript;
  content: DecisionContent;
  clock: Clock;
  newId?: () => string;
}

export const MAX_DECISION_NOTE_LENGTH = 500;

/**
 * A redelivered event whose work was stored less than this long ago is left to the delivery that stored it: that one
 * may still be posting (on this instance or another). A later redelivery posts whatever a crash left unposted.
 */
export const RECOVERY_GRACE_MS = 30_000;

/** Engine outcomes that changed the state; every other kind carries a message and changes nothing. */
const CHANGED_KINDS = new Set(['accepted', 'reopened', 'cancelled', 'expired']);

/** A short id people can type (`compute-advice interview --resume r-3f9k2a`). */
function defaultId(): string {
  return `r-${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

/**
 * The use cases every surface drives: Slack, Teams, the terminal and the playground.
 * The only place that joins storage to the pure interview engine and decision core.
 */
export class ReviewService {
  private readonly ctx: InterviewContext;
  private readonly newId: () => string;

  constructor(private readonly deps: ReviewServiceDeps) {
    this.newId = deps.newId ?? defaultId;
    this.ctx = {
      script: deps.script,
      ruledOut: (partial: Readonly<Record<string, unknown>>) => ruledOutByAnswers(deps.content, partial),
      ...(deps.content.lenses ? { defaults: deps.content.lenses.defaults } : {}),
    };
  }

  get script(): InterviewScript {
    return this.deps.script;
  }

  /** The organisation lenses shaping every recommendation, in the order they apply (`/compute-advice lens`). */
  get lenses(): readonly LensInfo[] {
    return this.deps.content.lenses?.active ?? [];
  }

  async start(place: ReviewPlace, requesterId: string, workloadName: string): Promise<{ review: Review; step: ReviewStep }> {
    // Every surface goes through here, so the stored name is always one clean line the profile accepts.
    const name = normalizeWorkloadName(workloadName) || 'unnamed workload';
    const review = await this.deps.store.reviews.create({
      id: this.newId(),
      platform: place.platform,
      workspaceId: place.workspaceId,
      channelId: place.channelId,
      threadRef: place.threadRef ?? null,
      conversationRef: place.conversationRef ?? null,
      audience: place.audience ?? null,
      requesterId,
      workloadName: name,
      at: this.deps.clock.now(),
    });
    return { review, step: await this.stepOf(review) };
  }

  /**
   * Starts a review in a thread that already exists, or whose opener was just posted, in one transaction with its
   * dedupe key and the thread's parent message: a redelivered start is 'duplicate', a second review in a thread is
   * 'already_running'.
   */
  startInThread(
    place: ReviewPlace & { threadRef: string },
    requesterId: string,
    workloadName: string,
    options: { parentRef?: string; dedupeKey?: string } = {},
  ): Promise<StartResult> {
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<StartResult> => {
      if (options.dedupeKey !== undefined && (await store.events.hasProcessed(options.dedupeKey))) {
        const review = await store.reviews.findByThread(place.platform, place.channelId, place.threadRef);
        return review ? { kind: 'duplicate', review } : { kind: 'not_found' };
      }
      const open = await store.reviews.findOpenByThread(place.platform, place.channelId, place.threadRef);
      if (open) return { kind: 'already_running', review: open };
      const { review, step } = await this.start(place, requesterId, workloadName);
      const at = clock.now();
      if (options.parentRef !== undefined) await store.messages.save(review.id, 'parent', '', options.parentRef, at);
      if (options.dedupeKey !== undefined) await store.events.markProcessed(options.dedupeKey, place.platform, at);
      return { kind: 'started', review, step };
    });
  }

  get(reviewId: string): Promise<Review | undefined> {
    return this.deps.store.reviews.get(reviewId);
  }

  /** Where the review stands now. */
  async step(reviewId: string): Promise<ReviewStep | undefined> {
    const review = await this.get(reviewId);
    return review ? this.stepOf(review) : undefined;
  }

  isParticipant(reviewId: string, userId: string): Promise<boolean> {
    return this.deps.store.participants.isParticipant(reviewId, userId);
  }

  /** Only the requester adds people. */
  async addParticipant(reviewId: string, actorId: string, userId: string): Promise<{ kind: 'ok' | 'already' } | Refusal> {
    const result = await this.addParticipants(reviewId, actorId, [userId]);
    if (result.kind !== 'ok') return result;
    return { kind: result.added.length > 0 ? 'ok' : 'already' };
  }

  /** Only the requester adds people; says who was added and who could answer already. One transaction. */
  addParticipants(reviewId: string, actorId: string, userIds: readonly string[], dedupeKey?: string): Promise<AddResult> {
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<AddResult> => {
      const review = await this.get(reviewId);
      if (!review) return { kind: 'not_found' };
      if (dedupeKey !== undefined && (await store.events.hasProcessed(dedupeKey))) return { kind: 'duplicate', review };
      if (review.requesterId !== actorId) return { kind: 'not_participant', review };
      const at = clock.now();
      const added: string[] = [];
      const already: string[] = [];
      for (const userId of new Set(userIds)) ((await store.participants.add(reviewId, userId, actorId, at)) ? added : already).push(userId);
      if (dedupeKey !== undefined) await store.events.markProcessed(dedupeKey, review.platform, at);
      return { kind: 'ok', review, added, already };
    });
  }

  answer(reviewId: string, actorId: string, input: AnswerInput): Promise<AnswerResult> {
    return this.deps.store.transaction(async (): Promise<AnswerResult> => {
      const loaded = await this.loadForChange(reviewId, actorId, input.dedupeKey);
      if ('kind' in loaded) return loaded;
      const { review, state } = loaded;
      const outcome = answerCurrent(this.ctx, state, input.text, input.questionId);
      // The review is in progress here, so 'closed' means no question is left to answer: as stale as an old button.
      if (outcome.kind === 'stale' || outcome.kind === 'closed') return { kind: 'stale', review, step: await this.stepIn(review, state) };
      if (outcome.kind === 'rejected') return { kind: 'rejected', review, message: outcome.message, question: outcome.question };
      const { question, value } = outcome;
      const saved = await this.save(review, state, outcome.state, actorId, input.dedupeKey);
      return { kind: 'accepted', review: saved.review, question, value, label: answerLabel(question, value), step: saved.step };
    });
  }

  skip(reviewId: string, actorId: string, questionId?: string, dedupeKey?: string): Promise<ReviewActionResult> {
    return this.act(reviewId, actorId, dedupeKey, (state) => {
      const current = currentQuestion(this.ctx, state);
      if (!current || (questionId !== undefined && questionId !== current.id)) return { stale: true };
      return skipCurrent(this.ctx, state, current.id);
    });
  }

  back(reviewId: string, actorId: string, questionId?: string, dedupeKey?: string): Promise<ReviewActionResult> {
    return this.act(reviewId, actorId, dedupeKey, (state) => {
      const current = currentQuestion(this.ctx, state);
      if (questionId !== undefined && current?.id !== questionId) return { stale: true };
      return goBack(this.ctx, state);
    });
  }

  /** Re-opens an earlier answer; a completed review goes back in progress until it is answered. */
  change(reviewId: string, actorId: string, questionId: string, dedupeKey?: string): Promise<ReviewActionResult> {
    return this.act(reviewId, actorId, dedupeKey, (state) => changeAnswer(this.ctx, state, questionId), { allowCompleted: true });
  }

  cancel(reviewId: string, actorId: string): Promise<ReviewActionResult> {
    return this.act(reviewId, actorId, undefined, (state) => cancelInterview(state));
  }

  /**
   * Records what the team went with, against the latest recommendation. The dedupe check, the checks and the insert
   * are one transaction (SQLite IMMEDIATE, PostgreSQL SERIALIZABLE), so a double click on any instance records once.
   */
  async recordDecision(
    reviewId: string,
    actorId: string,
    model: Model,
    options: { note?: string; dedupeKey?: string; recommendationId?: number } = {},
  ): Promise<DecisionResult> {
    const { note, dedupeKey } = options;
    if (!MODELS.includes(model)) return { kind: 'rejected', message: `unknown model ${String(model)}; allowed: ${MODELS.join(', ')}` };
    if (note !== undefined && note.length > MAX_DECISION_NOTE_LENGTH) {
      return { kind: 'rejected', message: `a decision note is at most ${MAX_DECISION_NOTE_LENGTH} characters` };
    }
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<DecisionResult> => {
      const gated = await this.gate(reviewId, actorId, dedupeKey);
      if ('kind' in gated) return gated;
      const { review } = gated;
      const latest = await store.recommendations.latest(reviewId);
      if (!latest) return { kind: 'rejected', message: 'there is no recommendation yet: finish the interview first' };
      if (options.recommendationId !== undefined && options.recommendationId !== latest.id) return { kind: 'superseded', review };
      const result = readStoredRecommendation(latest.result);
      if (!result) return { kind: 'rejected', message: 'the stored recommendation cannot be read: change an answer to compute it again' };
      const againstAdvice = result.verdicts[model] === 'caution' || result.verdicts[model] === 'unsuitable';
      const at = clock.now();
      await store.decisions.record({ reviewId, chosenModel: model, againstAdvice, decidedBy: actorId, note: note ?? null, at });
      if (dedupeKey !== undefined) await store.events.markProcessed(dedupeKey, review.platform, at);
      return { kind: 'ok', againstAdvice, review, step: await this.completedStep(reviewId, latest.id, result) };
    });
  }

  /** "Share to the channel": the latest recommendation, once per click. */
  share(reviewId: string, actorId: string, dedupeKey?: string): Promise<ShareResult> {
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<ShareResult> => {
      const gated = await this.gate(reviewId, actorId, dedupeKey);
      if ('kind' in gated) return gated;
      const { review } = gated;
      const latest = await store.recommendations.latest(reviewId);
      const recommendation = latest && readStoredRecommendation(latest.result);
      if (!latest || !recommendation) return { kind: 'rejected', message: 'there is no recommendation yet: finish the interview first' };
      if (dedupeKey !== undefined) await store.events.markProcessed(dedupeKey, review.platform, clock.now());
      return { kind: 'ok', review, step: await this.completedStep(reviewId, latest.id, recommendation) };
    });
  }

  /** The newest reviews on every platform (the playground's and the CLI's lists). */
  listRecent(limit: number): Promise<Review[]> {
    return this.deps.store.reviews.listRecent(limit);
  }

  /** The review, unless it is gone, the delivery was handled already, or the actor may not act on it. */
  private async gate(reviewId: string, actorId: string, dedupeKey: string | undefined): Promise<{ review: Review } | Gate> {
    const review = await this.get(reviewId);
    if (!review) return { kind: 'not_found' };
    if (dedupeKey !== undefined && (await this.deps.store.events.hasProcessed(dedupeKey))) return { kind: 'duplicate', review };
    if (!(await this.isParticipant(reviewId, actorId))) return { kind: 'not_participant', review };
    return { review };
  }

  latestDecision(reviewId: string): Promise<Decision | undefined> {
    return this.deps.store.decisions.latest(reviewId);
  }

  /** The message posted for a review step ('parent', a question, the 'card'), to update it later. */
  async messageRef(reviewId: string, kind: MessageKind, questionId = ''): Promise<string | undefined> {
    return (await this.deps.store.messages.get(reviewId, kind, questionId))?.messageRef;
  }

  async notePosted(reviewId: string, kind: MessageKind, questionId: string, messageRef: string): Promise<void> {
    await this.deps.store.messages.save(reviewId, kind, questionId, messageRef, this.deps.clock.now());
  }

  /**
   * The step a crash left unposted: the current question or card when no message was stored for it, and only once the
   * review's last change is older than `graceMs` (default RECOVERY_GRACE_MS: a delivery still posting it, here or on
   * another instance, must not be doubled; 0 for the delivery that is known to have left it unposted).
   */
  async unpostedStep(reviewId: string, options: { graceMs?: number } = {}): Promise<{ review: Review; step: ReviewStep } | undefined> {
    const review = await this.get(reviewId);
    if (!review || this.deps.clock.now() - review.lastActivityAt < (options.graceMs ?? RECOVERY_GRACE_MS)) return undefined;
    const step = await this.stepOf(review);
    const posted =
      step.kind === 'question'
        ? await this.messageRef(review.id, 'question', step.question.id)
        : step.kind === 'completed'
          ? await this.messageRef(review.id, 'card')
          : 'closed';
    return posted === undefined ? { review, step } : undefined;
  }

  /**
   * The review a command is about: the given id (on this platform and workspace), the open review in this thread, or
   * the person's most recently active open review (started by them first, then ones they were added to).
   */
  async findTarget(
    where: { platform: Platform; workspaceId: string; channelId: string; threadRef?: string | null },
    userId: string,
    reviewId: string | undefined,
    options: { includeCompleted?: boolean } = {},
  ): Promise<Review | undefined> {
    if (reviewId) {
      const review = await this.get(reviewId);
      return review && review.platform === where.platform && review.workspaceId === where.workspaceId ? review : undefined;
    }
    if (where.threadRef) return this.findOpenByThread(where.platform, where.channelId, where.threadRef);
    const mine = await this.deps.store.reviews.listForUser(where.platform, where.workspaceId, userId, 50);
    const usable = (r: Review) => r.status === 'in_progress' || (options.includeCompleted === true && r.status === 'completed');
    return mine.find((r) => usable(r) && r.requesterId === userId) ?? mine.find(usable);
  }

  /** A person's reviews, most recently active first, with what was recommended and decided. */
  async listForUser(platform: Platform, workspaceId: string, userId: string, limit: number): Promise<ReviewSummary[]> {
    const summaries: ReviewSummary[] = [];
    for (const review of await this.deps.store.reviews.listForUser(platform, workspaceId, userId, limit)) {
      summaries.push({
        review,
        recommended: review.status === 'completed' ? (await this.latestRecommendation(review.id))?.recommended : undefined,
        decided: (await this.latestDecision(review.id))?.chosenModel,
      });
    }
    return summaries;
  }

  /** Expires the review if it is still in progress and idle since expireBefore; returns it as it was, or undefined. */
  expireIfIdle(reviewId: string, expireBefore: number): Promise<Review | undefined> {
    return this.deps.store.transaction(async () => {
      const review = await this.get(reviewId);
      if (review?.status !== 'in_progress' || review.lastActivityAt > expireBefore) return undefined;
      const outcome = expireInterview(await this.stateOf(review));
      if (outcome.kind !== 'expired') return undefined;
      await this.deps.store.reviews.setStatus(review.id, 'expired', this.deps.clock.now(), { from: 'in_progress' });
      return review;
    });
  }

  async latestRecommendation(reviewId: string): Promise<Recommendation | undefined> {
    return readStoredRecommendation((await this.deps.store.recommendations.latest(reviewId))?.result);
  }

  /** The questions that were answered, for "Change an answer". */
  async answeredQuestions(reviewId: string): Promise<Question[]> {
    const review = await this.get(reviewId);
    if (!review) return [];
    // The engine's view: answers to questions that no longer apply (after an edit) cannot be changed.
    return engineAnsweredQuestions(this.ctx, await this.stateOf(review)).map((entry) => entry.question);
  }

  /** The newest review started in this thread, whatever its status (a finished one can still be signed off). */
  findByThread(platform: Review['platform'], channelId: string, threadRef: string): Promise<Review | undefined> {
    return this.deps.store.reviews.findByThread(platform, channelId, threadRef);
  }

  findOpenByThread(platform: Review['platform'], channelId: string, threadRef: string): Promise<Review | undefined> {
    return this.deps.store.reviews.findOpenByThread(platform, channelId, threadRef);
  }

  private async stateOf(review: Review): Promise<InterviewState> {
    return interviewState(review, await this.deps.store.answers.current(review.id));
  }

  private async stepOf(review: Review): Promise<ReviewStep> {
    if (review.status === 'cancelled' || review.status === 'expired') return { kind: 'closed', status: review.status };
    return this.stepIn(review, await this.stateOf(review));
  }

  /** stepOf with the review's state already loaded (state must be stateOf(review), or what was just written). */
  private async stepIn(review: Review, state: InterviewState): Promise<ReviewStep> {
    if (review.status === 'cancelled' || review.status === 'expired') return { kind: 'closed', status: review.status };
    const at = position(this.ctx, state);
    if (at.question) return questionStep(at.question, at);
    const latest = await this.deps.store.recommendations.latest(review.id);
    const stored = latest && readStoredRecommendation(latest.result);
    if (latest && stored) return this.completedStep(review.id, latest.id, stored);
    // Complete but not yet evaluated (e.g. a crash between the last answer and the evaluation): evaluate now.
    return this.deps.store.transaction(async () => (await this.finish(review, state)).step);
  }

  private async loadForChange(
    reviewId: string,
    actorId: string,
    dedupeKey: string | undefined,
    allowCompleted = false,
  ): Promise<{ review: Review; state: InterviewState } | Refusal> {
    const review = await this.get(reviewId);
    if (!review) return { kind: 'not_found' };
    if (!(await this.isParticipant(reviewId, actorId))) return { kind: 'not_participant', review };
    if (dedupeKey !== undefined && (await this.deps.store.events.hasProcessed(dedupeKey))) return { kind: 'duplicate', review };
    const open = review.status === 'in_progress' || (allowCompleted && review.status === 'completed');
    if (!open) return { kind: 'closed', review };
    return { review, state: await this.stateOf(review) };
  }

  private act(
    reviewId: string,
    actorId: string,
    dedupeKey: string | undefined,
    op: (state: InterviewState) => { stale: true } | { kind: string; state: InterviewState; message?: string },
    options: { allowCompleted?: boolean } = {},
  ): Promise<ReviewActionResult> {
    return this.deps.store.transaction(async (): Promise<ReviewActionResult> => {
      const loaded = await this.loadForChange(reviewId, actorId, dedupeKey, options.allowCompleted);
      if ('kind' in loaded) return loaded;
      const { review, state } = loaded;
      const outcome = op(state);
      if ('stale' in outcome) return { kind: 'stale', review, step: await this.stepIn(review, state) };
      if (!CHANGED_KINDS.has(outcome.kind)) {
        return { kind: 'rejected', review, message: outcome.message ?? 'That is not possible right now.' };
      }
      const saved = await this.save(review, state, outcome.state, actorId, dedupeKey);
      return { kind: 'ok', review: saved.review, step: saved.step };
    });
  }

  /** Writes the difference between two states in the caller's transaction, then evaluates if complete. */
  private async save(
    review: Review,
    before: InterviewState,
    after: InterviewState,
    actorId: string,
    dedupeKey?: string,
  ): Promise<{ review: Review; step: ReviewStep }> {
    const { store, clock } = this.deps;
    const at = clock.now();
    const sets: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(after.answers)) {
      if (!(id in before.answers) || JSON.stringify(before.answers[id]) !== JSON.stringify(value)) sets[id] = value;
    }
    const clears = Object.keys(before.answers).filter((id) => !(id in after.answers));
    if (Object.keys(sets).length > 0 || clears.length > 0) await store.answers.applyChanges(review.id, sets, clears, actorId, at);
    if (after.reopened !== before.reopened || (after.reopenedBy ?? null) !== (before.reopenedBy ?? null)) {
      await store.reviews.setReopened(review.id, after.reopened, at, after.reopenedBy ?? null);
    }
    if (JSON.stringify(after.revisit ?? []) !== JSON.stringify(before.revisit ?? []))
      await store.reviews.setRevisit(review.id, after.revisit ?? [], at);
    if (after.status !== before.status || (review.status === 'completed' && after.reopened)) {
      await store.reviews.setStatus(review.id, after.status === 'completed' && after.reopened ? 'in_progress' : after.status, at);
    }
    await store.reviews.touch(review.id, at);
    if (dedupeKey !== undefined) await store.events.markProcessed(dedupeKey, review.platform, at);
    const fresh = (await store.reviews.get(review.id)) as Review;
    if (fresh.status === 'cancelled' || fresh.status === 'expired')
      return { review: fresh, step: { kind: 'closed', status: fresh.status } };
    // What stateOf(fresh) would read back: the answers just written are `after`'s.
    const next = position(this.ctx, interviewState(fresh, after.answers));
    if (!next.question) return this.finish(fresh, after);
    return { review: fresh, step: questionStep(next.question, next) };
  }

  private async finish(review: Review, state: InterviewState): Promise<{ review: Review; step: ReviewStep }> {
    const { store, clock, content } = this.deps;
    const result = toProfile(this.ctx, state);
    if (!result.ok) throw new Error(`interview ${review.id} has no question left but misses ${result.missing.join(', ')}`);
    const recommendation = recommend(content, result.profile, { defaulted: result.defaulted });
    const at = clock.now();
    const recommendationId = await store.recommendations.save(
      review.id,
      recommendation.rulesVersion,
      recommendation.recommended,
      recommendation,
      at,
    );
    if (review.status !== 'completed') await store.reviews.setStatus(review.id, 'completed', at);
    const fresh = (await store.reviews.get(review.id)) as Review;
    return { review: fresh, step: { kind: 'completed', recommendation, recommendationId } };
  }

  /** The finished step for a stored recommendation, with the decision recorded since it was made. */
  private async completedStep(reviewId: string, recommendationId: number, recommendation: Recommendation): Promise<CompletedStep> {
    const made = await this.deps.store.recommendations.latest(reviewId);
    const decision = await this.latestDecision(reviewId);
    // A decision taken on an earlier recommendation does not belong on a card the answers have since changed.
    const current = decision && made && made.id === recommendationId && decision.createdAt >= made.createdAt ? decision : undefined;
    return {
      kind: 'completed',
      recommendation,
      recommendationId,
      ...(current ? { decision: { model: current.chosenModel as Model, againstAdvice: current.againstAdvice } } : {}),
    };
  }
}

/** The interview engine's view of a stored review with these answers. */
function interviewState(review: Review, answers: InterviewState['answers']): InterviewState {
  return {
    name: review.workloadName,
    answers,
    reopened: review.reopenedQuestionId,
    reopenedBy: review.reopenedBy,
    revisit: review.revisit,
    status: review.status,
  };
}

function questionStep(question: Question, at: Position): ReviewStep {
  return {
    kind: 'question',
    question,
    progress: at.progress,
    canGoBack: at.progress.position > 1,
    ...(at.current !== undefined ? { current: at.current } : {}),
  };
}

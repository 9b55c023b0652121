import { randomUUID } from 'node:crypto';
import { recommend, ruledOutByAnswers, type DecisionContent } from '../core/recommend.js';
import { readStoredRecommendation } from '../core/stored-recommendation.js';
import { MODELS, type Model } from '../core/models.js';
import { normalizeWorkloadName } from '../core/workload-name.js';
import type { InterviewScript, Question } from '../core/interview/question.js';
import {
  answerCurrent, answeredQuestions as engineAnsweredQuestions, cancel as cancelInterview, changeAnswer, currentQuestion, goBack, position, skipCurrent, toProfile,
  type InterviewContext, type InterviewState,
} from '../core/interview/interview-engine.js';
import type { Recommendation } from '../core/recommendation.js';
import type { Review, Store } from '../storage/index.js';
import type { Clock } from './clock.js';
import { answerLabel } from './answer-label.js';
import type { AnswerInput, AnswerResult, Refusal, ReviewActionResult, ReviewPlace, ReviewStep } from './review-types.js';

export interface ReviewServiceDeps {
  store: Store;
  script: InterviewScript;
  content: DecisionContent;
  clock: Clock;
  newId?: () => string;
}

export const MAX_DECISION_NOTE_LENGTH = 500;

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
    };
  }

  get script(): InterviewScript {
    return this.deps.script;
  }

  start(place: ReviewPlace, requesterId: string, workloadName: string): { review: Review; step: ReviewStep } {
    // Every surface goes through here, so the stored name is always one clean line the profile accepts.
    const name = normalizeWorkloadName(workloadName) || 'unnamed workload';
    const review = this.deps.store.reviews.create({
      id: this.newId(),
      platform: place.platform,
      workspaceId: place.workspaceId,
      channelId: place.channelId,
      threadRef: place.threadRef ?? null,
      conversationRef: place.conversationRef ?? null,
      requesterId,
      workloadName: name,
      at: this.deps.clock.now(),
    });
    return { review, step: this.stepOf(review) };
  }

  get(reviewId: string): Review | undefined {
    return this.deps.store.reviews.get(reviewId);
  }

  /** Where the review stands now. */
  step(reviewId: string): ReviewStep | undefined {
    const review = this.get(reviewId);
    return review ? this.stepOf(review) : undefined;
  }

  attachThread(reviewId: string, threadRef: string, conversationRef?: Record<string, unknown> | null): void {
    this.deps.store.reviews.setThreadRef(reviewId, threadRef, conversationRef);
  }

  isParticipant(reviewId: string, userId: string): boolean {
    return this.deps.store.participants.isParticipant(reviewId, userId);
  }

  /** Only the requester adds people. */
  addParticipant(reviewId: string, actorId: string, userId: string): { kind: 'ok' | 'already' } | Refusal {
    const review = this.get(reviewId);
    if (!review) return { kind: 'not_found' };
    if (review.requesterId !== actorId) return { kind: 'not_participant', review };
    const added = this.deps.store.participants.add(reviewId, userId, actorId, this.deps.clock.now());
    return { kind: added ? 'ok' : 'already' };
  }

  answer(reviewId: string, actorId: string, input: AnswerInput): AnswerResult {
    return this.deps.store.transaction((): AnswerResult => {
      const loaded = this.loadForChange(reviewId, actorId, input.dedupeKey);
      if ('kind' in loaded) return loaded;
      const { review, state } = loaded;
      const outcome = answerCurrent(this.ctx, state, input.text, input.questionId);
      // The review is in progress here, so 'closed' means no question is left to answer: as stale as an old button.
      if (outcome.kind === 'stale' || outcome.kind === 'closed') return { kind: 'stale', review, step: this.stepIn(review, state) };
      if (outcome.kind === 'rejected') return { kind: 'rejected', review, message: outcome.message, question: outcome.question };
      const { question, value } = outcome;
      const saved = this.save(review, state, outcome.state, actorId, input.dedupeKey);
      return { kind: 'accepted', review: saved.review, question, value, label: answerLabel(question, value), step: saved.step };
    });
  }

  skip(reviewId: string, actorId: string, questionId?: string, dedupeKey?: string): ReviewActionResult {
    return this.act(reviewId, actorId, dedupeKey, (state) => {
      const current = currentQuestion(this.ctx, state);
      if (!current || (questionId !== undefined && questionId !== current.id)) return { stale: true };
      return skipCurrent(this.ctx, state, current.id);
    });
  }

  back(reviewId: string, actorId: string, questionId?: string, dedupeKey?: string): ReviewActionResult {
    return this.act(reviewId, actorId, dedupeKey, (state) => {
      const current = currentQuestion(this.ctx, state);
      if (questionId !== undefined && current?.id !== questionId) return { stale: true };
      return goBack(this.ctx, state);
    });
  }

  /** Re-opens an earlier answer; a completed review goes back in progress until it is answered. */
  change(reviewId: string, actorId: string, questionId: string, dedupeKey?: string): ReviewActionResult {
    return this.act(reviewId, actorId, dedupeKey, (state) => changeAnswer(this.ctx, state, questionId), { allowCompleted: true });
  }

  cancel(reviewId: string, actorId: string): ReviewActionResult {
    return this.act(reviewId, actorId, undefined, (state) => cancelInterview(state));
  }

  recordDecision(reviewId: string, actorId: string, model: Model, note?: string): { kind: 'ok'; againstAdvice: boolean; review: Review } | Refusal | { kind: 'rejected'; message: string } {
    if (!MODELS.includes(model)) return { kind: 'rejected', message: `unknown model ${String(model)}; allowed: ${MODELS.join(', ')}` };
    if (note !== undefined && note.length > MAX_DECISION_NOTE_LENGTH) {
      return { kind: 'rejected', message: `a decision note is at most ${MAX_DECISION_NOTE_LENGTH} characters` };
    }
    const review = this.get(reviewId);
    if (!review) return { kind: 'not_found' };
    if (!this.isParticipant(reviewId, actorId)) return { kind: 'not_participant', review };
    const latest = this.deps.store.recommendations.latest(reviewId);
    if (!latest) return { kind: 'rejected', message: 'there is no recommendation yet: finish the interview first' };
    const result = readStoredRecommendation(latest.result);
    if (!result) return { kind: 'rejected', message: 'the stored recommendation cannot be read: change an answer to compute it again' };
    const againstAdvice = result.verdicts[model] === 'caution' || result.verdicts[model] === 'unsuitable';
    this.deps.store.decisions.record({ reviewId, chosenModel: model, againstAdvice, decidedBy: actorId, note: note ?? null, at: this.deps.clock.now() });
    return { kind: 'ok', againstAdvice, review };
  }

  latestRecommendation(reviewId: string): Recommendation | undefined {
    return readStoredRecommendation(this.deps.store.recommendations.latest(reviewId)?.result);
  }

  /** The questions that were answered, for "Change an answer". */
  answeredQuestions(reviewId: string): Question[] {
    const review = this.get(reviewId);
    if (!review) return [];
    // The engine's view: answers to questions that no longer apply (after an edit) cannot be changed.
    return engineAnsweredQuestions(this.ctx, this.stateOf(review)).map((entry) => entry.question);
  }

  findOpenByThread(platform: Review['platform'], channelId: string, threadRef: string): Review | undefined {
    return this.deps.store.reviews.findOpenByThread(platform, channelId, threadRef);
  }

  private stateOf(review: Review): InterviewState {
    return {
      name: review.workloadName,
      answers: this.deps.store.answers.current(review.id),
      reopened: review.reopenedQuestionId,
      status: review.status,
    };
  }

  private stepOf(review: Review): ReviewStep {
    if (review.status === 'cancelled' || review.status === 'expired') return { kind: 'closed', status: review.status };
    return this.stepIn(review, this.stateOf(review));
  }

  /** stepOf with the review's state already loaded (state must be stateOf(review), or what was just written). */
  private stepIn(review: Review, state: InterviewState): ReviewStep {
    if (review.status === 'cancelled' || review.status === 'expired') return { kind: 'closed', status: review.status };
    const { question, progress } = position(this.ctx, state);
    if (question) return questionStep(question, progress);
    const latest = this.deps.store.recommendations.latest(review.id);
    const stored = latest && readStoredRecommendation(latest.result);
    if (stored) return { kind: 'completed', recommendation: stored };
    // Complete but not yet evaluated (e.g. a crash between the last answer and the evaluation): evaluate now.
    return this.deps.store.transaction(() => this.finish(review, state).step);
  }

  private loadForChange(reviewId: string, actorId: string, dedupeKey: string | undefined, allowCompleted = false): { review: Review; state: InterviewState } | Refusal {
    const review = this.get(reviewId);
    if (!review) return { kind: 'not_found' };
    if (!this.isParticipant(reviewId, actorId)) return { kind: 'not_participant', review };
    if (dedupeKey !== undefined && this.deps.store.events.hasProcessed(dedupeKey)) return { kind: 'duplicate', review };
    const open = review.status === 'in_progress' || (allowCompleted && review.status === 'completed');
    if (!open) return { kind: 'closed', review };
    return { review, state: this.stateOf(review) };
  }

  private act(
    reviewId: string,
    actorId: string,
    dedupeKey: string | undefined,
    op: (state: InterviewState) => { stale: true } | { kind: string; state: InterviewState; message?: string },
    options: { allowCompleted?: boolean } = {},
  ): ReviewActionResult {
    return this.deps.store.transaction((): ReviewActionResult => {
      const loaded = this.loadForChange(reviewId, actorId, dedupeKey, options.allowCompleted);
      if ('kind' in loaded) return loaded;
      const { review, state } = loaded;
      const outcome = op(state);
      if ('stale' in outcome) return { kind: 'stale', review, step: this.stepIn(review, state) };
      if (!CHANGED_KINDS.has(outcome.kind)) {
        return { kind: 'rejected', review, message: outcome.message ?? 'That is not possible right now.' };
      }
      const saved = this.save(review, state, outcome.state, actorId, dedupeKey);
      return { kind: 'ok', review: saved.review, step: saved.step };
    });
  }

  /** Writes the difference between two states in the caller's transaction, then evaluates if complete. */
  private save(review: Review, before: InterviewState, after: InterviewState, actorId: string, dedupeKey?: string): { review: Review; step: ReviewStep } {
    const { store, clock } = this.deps;
    const at = clock.now();
    const sets: Record<string, unknown> = {};
    for (const [id, value] of Object.entries(after.answers)) {
      if (!(id in before.answers) || JSON.stringify(before.answers[id]) !== JSON.stringify(value)) sets[id] = value;
    }
    const clears = Object.keys(before.answers).filter((id) => !(id in after.answers));
    if (Object.keys(sets).length > 0 || clears.length > 0) store.answers.applyChanges(review.id, sets, clears, actorId, at);
    if (after.reopened !== before.reopened) store.reviews.setReopened(review.id, after.reopened, at);
    if (after.status !== before.status || (review.status === 'completed' && after.reopened)) {
      store.reviews.setStatus(review.id, after.status === 'completed' && after.reopened ? 'in_progress' : after.status, at);
    }
    store.reviews.touch(review.id, at);
    if (dedupeKey !== undefined) store.events.markProcessed(dedupeKey, review.platform, at);
    const fresh = store.reviews.get(review.id) as Review;
    if (fresh.status === 'cancelled' || fresh.status === 'expired') return { review: fresh, step: { kind: 'closed', status: fresh.status } };
    // What stateOf(fresh) would read back: the answers just written are `after`'s.
    const state: InterviewState = { name: fresh.workloadName, answers: after.answers, reopened: fresh.reopenedQuestionId, status: fresh.status };
    const { question, progress } = position(this.ctx, state);
    if (!question) return this.finish(fresh, after);
    return { review: fresh, step: questionStep(question, progress) };
  }

  private finish(review: Review, state: InterviewState): { review: Review; step: ReviewStep } {
    const { store, clock, content } = this.deps;
    const result = toProfile(this.ctx, state);
    if (!result.ok) throw new Error(`interview ${review.id} has no question left but misses ${result.missing.join(', ')}`);
    const recommendation = recommend(content, result.profile, { defaulted: result.defaulted });
    const at = clock.now();
    store.recommendations.save(review.id, recommendation.rulesVersion, recommendation.recommended, recommendation, at);
    if (review.status !== 'completed') store.reviews.setStatus(review.id, 'completed', at);
    const fresh = store.reviews.get(review.id) as Review;
    return { review: fresh, step: { kind: 'completed', recommendation } };
  }
}

function questionStep(question: Question, progress: { answered: number; remaining: number }): ReviewStep {
  return { kind: 'question', question, progress, canGoBack: progress.answered > 0 };
}

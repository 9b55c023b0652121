import type { CompletedStep, ReviewStep, ReviewSummary } from '../app/review-types.js';
import type { Question } from '../core/interview/question.js';
import type { Model } from '../core/models.js';
import type { DigestReply } from '../digest/digest-reply.js';
import type { DigestView } from '../digest/digest-view.js';
import type { SignOffView } from '../render/signoff-view.js';
import type { Review, SignOffAction } from '../storage/index.js';
import type { Actor, Where } from './intents.js';
import type { UploadResult } from './outbox.js';

/** What an "Export ADR" click handed over: the link (null without a public address) and how the file upload went. */
export interface AdrExportReply {
  workloadName: string;
  link: { url: string; expiresAt: number } | null;
  /** 'none': this platform attaches no file. */
  upload: UploadResult | 'none';
}

export type QuestionStep = Extract<ReviewStep, { kind: 'question' }>;

/** A question message that can no longer be answered, and why. */
export type RetiredReason = 'went_back' | 'cancelled';

/** Approvers asked to sign off a recommendation, in the review's thread. */
export interface SignOffAsk {
  approvers: Actor[];
  requestedBy: Actor;
  /** The recommendation they are asked about: their buttons carry it, so an action on a superseded one is refused. */
  recommendationId: number;
  /** True when an answer changed and their earlier approvals lapsed. */
  again: boolean;
  view: SignOffView;
}

/** What the conversation asks a platform to draw, and the platform's own words for how to use it. */
export interface Renderer<M> {
  /** How to start a review here ("/compute-advice <workload name>"). */
  readonly startHint: string;
  /** How to see where a review stands, after a failed post. */
  resumeHint(review: Review): string;
  /**
   * Why a post failed, for a person: the platform's error code, what the bot tried to do, and when it tries again
   * by itself (a postponed post).
   */
  postFailure(code: string, what: string, retryInMs?: number): string;
  /** How to name the people to add. */
  readonly addUsage: string;
  /** How to name the approvers. */
  readonly signOffUsage: string;

  /** The top-level message whose thread a review runs in, when the review needs a new thread. */
  threadOpener(actor: Actor, workloadName: string): M;
  /** The first message in the thread of a new review, if the platform has one. */
  intro(review: Review, actor: Actor, where: Where): M | undefined;
  question(review: Review, step: QuestionStep): M;
  answered(review: Review, question: Question, label: string, actor: Actor): M;
  retired(question: Question, reason: RetiredReason): M;
  /**
   * The recommendation card: its id goes on "Record the decision", a decision recorded since shows under the headline,
   * and the sign-off state (when asked for) at the end.
   */
  recommendation(review: Review, step: CompletedStep, changeOptions: Question[], signOff?: SignOffView): M;
  /** What a card says once a newer recommendation replaced it: no buttons left to press. */
  superseded(review: Review): M;
  notice(text: string): M;
  /** Lines posted in the review's thread for everyone there. */
  decisionRecorded(actor: Actor, model: Model, againstAdvice: boolean): M;
  added(people: Actor[]): M;
  /** Mentions the approvers in the thread; only they can act on what it offers (the server checks either way). */
  signOffAsked(review: Review, ask: SignOffAsk): M;
  /** An approval or a request for changes, with where the sign-off stands now. */
  signOffRecorded(actor: Actor, action: SignOffAction, note: string | null, view: SignOffView): M;
  cancelled(actor: Actor, review: Review): M;
  list(items: ReviewSummary[]): M;
  help(where: Where): M;
  digestPreview(view: DigestView): M;
  digestReply(reply: DigestReply): M;
  /** Told to the person who asked for the decision record. */
  adrExport(reply: AdrExportReply): M;
}

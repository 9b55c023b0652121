import type { InterviewProgress } from '../core/interview/interview-engine.js';
import type { Question } from '../core/interview/question.js';
import type { Recommendation } from '../core/recommendation.js';
import type { Model } from '../core/models.js';
import type { Platform, Review } from '../storage/index.js';

/** Where a review lives on its platform. */
export interface ReviewPlace {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadRef?: string | null;
  conversationRef?: Record<string, unknown> | null;
  /** Who can see the conversation besides its members (Review.audience). */
  audience?: string | null;
}

/** What comes next in a review: a question to ask, or the finished recommendation. */
export type ReviewStep =
  | {
      kind: 'question';
      question: Question;
      progress: InterviewProgress;
      canGoBack: boolean;
      /** The stored answer of a question asked again (went back, changed, or revisited): offered as the default. */
      current?: unknown;
    }
  | {
      kind: 'completed';
      recommendation: Recommendation;
      /** The stored recommendation's id: a card carries it, so a decision from a superseded card is refused. */
      recommendationId: number;
      /** The decision recorded since this recommendation was made, if any. */
      decision?: { model: Model; againstAdvice: boolean };
    }
  | { kind: 'closed'; status: 'cancelled' | 'expired' };

/** The answer as given: typed text, or a button/select value. */
export interface AnswerInput {
  text: string;
  /** The question the button belonged to; answers for any other question are stale and change nothing. */
  questionId?: string;
  /** Platform event id: a redelivered event is recognised and changes nothing. */
  dedupeKey?: string;
}

export type Refusal =
  | { kind: 'not_found' }
  | { kind: 'not_participant'; review: Review }
  | { kind: 'closed'; review: Review }
  | { kind: 'duplicate'; review: Review }
  | { kind: 'stale'; review: Review; step: ReviewStep };

export type AnswerResult =
  | Refusal
  | { kind: 'rejected'; review: Review; message: string; question: Question }
  | { kind: 'accepted'; review: Review; question: Question; value: unknown; label: string; step: ReviewStep };

export type ReviewActionResult =
  | Refusal
  | { kind: 'ok'; review: Review; step: ReviewStep }
  | { kind: 'rejected'; review: Review; message: string };

export type StartResult =
  | { kind: 'started'; review: Review; step: ReviewStep }
  | { kind: 'already_running'; review: Review }
  | { kind: 'duplicate'; review: Review }
  | { kind: 'not_found' };

/** Why an action on a review did nothing before it started: no such review, a redelivery, not someone who may act. */
export type Gate = { kind: 'not_found' } | { kind: 'duplicate'; review: Review } | { kind: 'not_participant'; review: Review };

export type AddResult = Gate | { kind: 'ok'; review: Review; added: string[]; already: string[] };

export type DecisionResult =
  | Gate
  | { kind: 'rejected'; message: string }
  /** The card clicked shows an older recommendation: an answer changed since. */
  | { kind: 'superseded'; review: Review }
  | { kind: 'ok'; againstAdvice: boolean; review: Review; step: Extract<ReviewStep, { kind: 'completed' }> };

export type CompletedStep = Extract<ReviewStep, { kind: 'completed' }>;

export type ShareResult = Gate | { kind: 'rejected'; message: string } | { kind: 'ok'; review: Review; step: CompletedStep };

/** One line of a person's review list. */
export interface ReviewSummary {
  review: Review;
  recommended: Model | undefined;
  decided: string | undefined;
}

import type { Model } from '../core/models.js';
import type { Recommendation } from '../core/recommendation.js';
import type { AnswerAction, ParticipantRole, Platform, ReviewStatus, SignOffAction } from '../storage/index.js';

/** The stored vocabularies a record uses, for readers outside the app layer (the read API's schemas). */
export { PLATFORMS, REVIEW_STATUSES } from '../storage/index.js';

/**
 * A stored review as one plain, JSON-ready object: what `reviews export --format json`, the read API and the
 * architecture decision record are made from. Times are ISO 8601 strings (UTC); user text is unescaped.
 */
export interface ReviewRecord {
  id: string;
  name: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  threadRef: string | null;
  requesterId: string;
  status: ReviewStatus;
  /** The record's MADR status: superseded by a newer review of the same workload, else from the sign-off state. */
  recordStatus: RecordStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Display names by platform user id, where the platform told us one. */
  people: Record<string, string>;
  participants: RecordParticipant[];
  /** The current answers in interview order, each with its history (oldest first). */
  answers: RecordAnswer[];
  recommendation: RecordRecommendation | null;
  /** The deciding rules of the recommendation, each with the answers it read. */
  decidingAnswers: DecidingAnswers[];
  /** Oldest first; the last one stands. */
  decisions: RecordDecision[];
  signOff: SignOffState;
  /** The named approvers and where each stands on the current recommendation. */
  approvers: RecordApprover[];
  /** Every approval and request for changes, oldest first. */
  signOffs: RecordSignOff[];
  /** An earlier review of the same workload in the same channel that this one replaces. */
  supersedes: string | null;
  /** A newer review of the same workload in the same channel that replaces this one. */
  supersededBy: string | null;
}

export const RECORD_STATUSES = ['proposed', 'accepted', 'rejected', 'superseded'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const SIGN_OFF_STATES = ['not_requested', 'pending', 'approved', 'changes_requested'] as const;
export type SignOffState = (typeof SIGN_OFF_STATES)[number];

export interface RecordParticipant {
  userId: string;
  role: ParticipantRole;
  addedBy: string;
  addedAt: string;
}

export interface RecordAnswer {
  questionId: string;
  question: string;
  /** null: skipped. */
  value: unknown;
  label: string;
  answeredBy: string;
  answeredAt: string;
  history: RecordAnswerChange[];
}

export interface RecordAnswerChange {
  action: AnswerAction;
  /** The value set; null for a skip or a clear. */
  value: unknown;
  /** How the value reads ("Bursty", "Skipped", "Cleared"). */
  label: string;
  actor: string;
  at: string;
}

export interface RecordRecommendation {
  id: number;
  createdAt: string;
  result: Recommendation;
}

export interface DecidingAnswers {
  ruleId: string;
  /** Ids of answered questions whose profile field the rule reads, in interview order. */
  questionIds: string[];
}

export interface RecordDecision {
  model: Model;
  againstAdvice: boolean;
  decidedBy: string;
  note: string | null;
  at: string;
}

export interface RecordApprover {
  approverId: string;
  requestedBy: string;
  requestedAt: string;
  /** Their action on the current recommendation; null while pending (or after a changed answer made it lapse). */
  action: SignOffAction | null;
}

export interface RecordSignOff {
  approverId: string;
  action: SignOffAction;
  note: string | null;
  at: string;
  /** Given on an earlier recommendation: an answer changed since, so it no longer counts. */
  lapsed: boolean;
}

/** One line of `reviews list --json` and `GET /api/v1/reviews`. */
export interface ReviewListItem {
  id: string;
  name: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  status: ReviewStatus;
  recordStatus: RecordStatus;
  recommended: Model | null;
  decision: Model | null;
  signOff: SignOffState;
  createdAt: string;
  completedAt: string | null;
}

export interface ReviewListFilter {
  status?: ReviewStatus;
  platform?: Platform;
  workspaceId?: string;
  channelId?: string;
  /** Epoch ms: reviews created at or after it. */
  since?: number;
  limit: number;
}

import type { Platform } from '../storage/review-repository.js';
import type { DigestScope } from '../storage/digest-repository.js';

/**
 * The neutral digest: plain data, every string UNESCAPED (workload names and notes are user text). The Block Kit and
 * Adaptive Card renderers escape for their format.
 */
export interface DigestView {
  title: string;
  /** 'This channel', or for a workspace digest the channels its audience can see ('Public channels across the workspace'). */
  scopeLabel: string;
  scope: DigestScope;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  timeZone: string;
  /** ISO week of the period's end, in timeZone ('2026-W48'). */
  weekKey: string;
  period: DigestPeriod;
  summary: DigestSummary;
  /** The recommended models of the reviews completed in the period, most frequent first; models never seen omitted. */
  models: DigestModelLine[];
  /** Newest first. */
  completed: DigestList<DigestReviewItem>;
  /** Decisions whose chosen model had a caution or unsuitable verdict; newest first. */
  againstAdvice: DigestList<DigestDecisionItem>;
  /** Interviews in progress and idle for stalledAfterHours or more; longest idle first. */
  stalled: DigestList<DigestReviewItem>;
  stalledAfterHours: number;
  /** Where named approvers stand, and decisions that went another way than the recommendation. */
  signOff: DigestSignOff;
  /** Nothing happened in the period and nothing is open. */
  isQuiet: boolean;
  /** The organisation lenses shaping the advice, in the order they apply (named in the footer, as on the cards). */
  lenses: DigestLens[];
  generatedAt: number;
}

export interface DigestLens {
  name: string;
  version: string;
}

/** [from, to) is the digest's week: the seven days up to `to`, same wall-clock time. */
export interface DigestPeriod {
  from: number;
  to: number;
  /** The week before: [previousFrom, from). */
  previousFrom: number;
  /** 'Mon 17 Nov, 09:00 – Mon 24 Nov 2026, 09:00 (Europe/Berlin)' */
  label: string;
}

export interface DigestCount {
  current: number;
  previous: number;
  /** current - previous */
  delta: number;
}

export interface DigestSummary {
  completed: DigestCount;
  started: DigestCount;
  decisions: DigestCount;
  againstAdvice: DigestCount;
  /** Interviews in progress now (stalled ones included). */
  inProgress: number;
  stalled: number;
}

export interface DigestModelLine {
  /** A model id; '' for completed reviews without a stored recommendation. */
  model: string;
  label: string;
  count: number;
  previous: number;
  /** Share of the period's completed reviews, 0-100, rounded. */
  percent: number;
}

export interface DigestList<T> {
  /** How many there are in all; items holds at most the list limit. */
  total: number;
  items: T[];
}

export interface ModelRef {
  model: string;
  label: string;
}

export interface DigestReviewItem {
  reviewId: string;
  workloadName: string;
  channelId: string;
  /** A link to the review's thread, when the platform has one we can build. */
  link: string | null;
  /** completedAt, or lastActivityAt for stalled interviews. */
  at: number;
  recommended: ModelRef | null;
  /** Whole days since the last activity (stalled items). */
  idleDays: number;
}

export interface DigestDecisionItem {
  reviewId: string;
  workloadName: string;
  channelId: string;
  link: string | null;
  chosen: ModelRef;
  /** The chosen model's verdict ('caution', 'unsuitable') in the advice given. */
  chosenVerdict: string | null;
  recommended: ModelRef | null;
  note: string | null;
  at: number;
}

export interface DigestSignOff {
  /** Completed reviews still waiting for named approvers; longest waiting first. */
  pending: DigestList<DigestPendingSignOffItem>;
  /** Approvals given in the period that still stand; newest first. */
  approved: DigestList<DigestApprovalItem>;
  /**
   * Decisions in the period for another model than the one recommended, which the advice did not rate caution or
   * unsuitable (those are in `againstAdvice`); newest first.
   */
  decidedOtherwise: DigestList<DigestDecisionItem>;
}

export interface DigestPendingSignOffItem {
  reviewId: string;
  workloadName: string;
  channelId: string;
  link: string | null;
  /** How many approvers have not acted. */
  pendingApprovers: number;
  /** Whole days since the first of them was asked. */
  waitingDays: number;
}

export interface DigestApprovalItem {
  reviewId: string;
  workloadName: string;
  channelId: string;
  link: string | null;
  approverId: string;
  at: number;
}

import type { PeopleNames, Review, SignOffAction, SignOffRequest, Store, StoredSignOffAction } from '../storage/index.js';
import type { Clock } from './clock.js';
import type { SignOffState } from './review-record.js';

export interface SignOffServiceDeps {
  store: Store;
  clock: Clock;
}

export const MAX_SIGNOFF_NOTE_LENGTH = 500;
export const MAX_APPROVERS = 10;
/** A display name is kept to this many characters: enough for any real one, bounded against a crafted payload. */
export const MAX_PERSON_NAME_LENGTH = 100;

/** Where each named approver stands on the current recommendation. */
export interface SignOffStatus {
  state: SignOffState;
  approvers: Array<{
    approverId: string;
    requestedBy: string;
    requestedAt: number;
    /** The display names they were mentioned by (Teams); null where people are shown by id (Slack). */
    approverName: string | null;
    requestedByName: string | null;
    /** Their action on the current recommendation; null while they have not acted on it (or it lapsed). */
    current: StoredSignOffAction | null;
  }>;
  /** Every action ever taken, oldest first, with whether a newer recommendation has made it lapse. */
  history: Array<StoredSignOffAction & { lapsed: boolean }>;
}

type Gate = { kind: 'not_found' } | { kind: 'duplicate'; review: Review };

export type SignOffRequestResult =
  | Gate
  | { kind: 'not_participant'; review: Review }
  | { kind: 'rejected'; message: string }
  | { kind: 'ok'; review: Review; added: string[]; already: string[]; status: SignOffStatus };

export type SignOffActResult =
  | Gate
  /** Not one of the named approvers: refused privately, nothing stored. */
  | { kind: 'not_approver'; review: Review }
  | { kind: 'rejected'; message: string }
  /** The card acted on shows an older recommendation: an answer changed since. */
  | { kind: 'superseded'; review: Review }
  /** The same action on the same recommendation is on record already (a double click): nothing new stored. */
  | { kind: 'already'; review: Review; status: SignOffStatus }
  | { kind: 'ok'; review: Review; status: SignOffStatus };

/**
 * Sign-off by named approvers. An action counts for the recommendation it was given on: when a changed answer makes a
 * newer one, earlier approvals lapse and the approvers are pending again. Every check and write of one call is one
 * transaction (SQLite IMMEDIATE, PostgreSQL SERIALIZABLE), so a double click or a redelivery stores one action.
 */
export class SignOffService {
  constructor(private readonly deps: SignOffServiceDeps) {}

  /**
   * Any participant names approvers, once the review has a recommendation to sign off. `names`: the display names the
   * turn mentioned people by (the asker's and the approvers'), kept for later cards and reminders.
   */
  async request(
    reviewId: string,
    actorId: string,
    approverIds: readonly string[],
    dedupeKey?: string,
    names: PeopleNames = {},
  ): Promise<SignOffRequestResult> {
    const approvers = [...new Set(approverIds.map((id) => id.trim()).filter(Boolean))];
    const keptNames = boundedNames(names);
    if (approvers.length === 0) return { kind: 'rejected', message: 'name at least one approver' };
    if (approvers.length > MAX_APPROVERS) return { kind: 'rejected', message: `at most ${MAX_APPROVERS} approvers` };
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<SignOffRequestResult> => {
      const review = await store.reviews.get(reviewId);
      if (!review) return { kind: 'not_found' };
      if (dedupeKey !== undefined && (await store.events.hasProcessed(dedupeKey))) return { kind: 'duplicate', review };
      if (!(await store.participants.isParticipant(reviewId, actorId))) return { kind: 'not_participant', review };
      if (review.status !== 'completed' || !(await store.recommendations.latest(reviewId))) {
        return { kind: 'rejected', message: 'there is nothing to sign off yet: finish the interview first' };
      }
      const at = clock.now();
      const added: string[] = [];
      const already: string[] = [];
      for (const approverId of approvers)
        ((await store.signoffs.request(reviewId, approverId, actorId, at, keptNames)) ? added : already).push(approverId);
      if (dedupeKey !== undefined) await store.events.markProcessed(dedupeKey, review.platform, at);
      return { kind: 'ok', review, added, already, status: await this.statusOf(review) };
    });
  }

  /** A named approver approves or requests changes (a note is required for changes). */
  async act(
    reviewId: string,
    actorId: string,
    action: SignOffAction,
    options: { note?: string; dedupeKey?: string; recommendationId?: number } = {},
  ): Promise<SignOffActResult> {
    const note = options.note?.trim() || null;
    if (action === 'changes_requested' && note === null) return { kind: 'rejected', message: 'say what should change: a note is required' };
    if (note !== null && note.length > MAX_SIGNOFF_NOTE_LENGTH) {
      return { kind: 'rejected', message: `a sign-off note is at most ${MAX_SIGNOFF_NOTE_LENGTH} characters` };
    }
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<SignOffActResult> => {
      const review = await store.reviews.get(reviewId);
      if (!review) return { kind: 'not_found' };
      if (options.dedupeKey !== undefined && (await store.events.hasProcessed(options.dedupeKey))) return { kind: 'duplicate', review };
      if (!(await store.signoffs.requests(reviewId)).some((r) => r.approverId === actorId)) return { kind: 'not_approver', review };
      const latest = await store.recommendations.latest(reviewId);
      if (review.status !== 'completed' || !latest) {
        return { kind: 'rejected', message: 'the review is being changed: wait for the new recommendation' };
      }
      if (options.recommendationId !== undefined && options.recommendationId !== latest.id) return { kind: 'superseded', review };
      const current = currentAction(await store.signoffs.actions(reviewId), actorId, latest.id);
      if (current && current.action === action && current.note === note)
        return { kind: 'already', review, status: await this.statusOf(review) };
      const at = clock.now();
      await store.signoffs.record({ reviewId, approverId: actorId, action, note, recommendationId: latest.id, at });
      if (options.dedupeKey !== undefined) await store.events.markProcessed(options.dedupeKey, review.platform, at);
      return { kind: 'ok', review, status: await this.statusOf(review) };
    });
  }

  /** Which of a person's ids (a platform may know them by more than one) names an approver of the review; undefined: none. */
  async approverIdOf(reviewId: string, actorIds: readonly string[]): Promise<string | undefined> {
    const requests = await this.deps.store.signoffs.requests(reviewId);
    return actorIds.find((id) => requests.some((r) => r.approverId === id));
  }

  /** Where the sign-off stands; undefined when there is no such review. */
  async status(reviewId: string): Promise<SignOffStatus | undefined> {
    const review = await this.deps.store.reviews.get(reviewId);
    return review ? this.statusOf(review) : undefined;
  }

  /**
   * The sign-off state of many reviews in two queries, whatever their number (a list page): `latestRecommendations`
   * is each review's newest recommendation, which the caller has read already.
   */
  async statesOf(
    reviews: readonly Review[],
    latestRecommendations: ReadonlyMap<string, { id: number }>,
  ): Promise<Map<string, SignOffState>> {
    const ids = reviews.map((r) => r.id);
    const requests = await this.deps.store.signoffs.requestsForReviews(ids);
    const actions = await this.deps.store.signoffs.actionsForReviews(ids);
    return new Map(
      reviews.map((review) => {
        const latestId = latestRecommendations.get(review.id)?.id ?? null;
        return [review.id, statusFrom(review, requests.get(review.id) ?? [], actions.get(review.id) ?? [], latestId).state];
      }),
    );
  }

  private async statusOf(review: Review): Promise<SignOffStatus> {
    const { store } = this.deps;
    const requests = await store.signoffs.requests(review.id);
    const actions = await store.signoffs.actions(review.id);
    // only a completed review's newest recommendation can be signed off: the others need not be read
    const latestId = review.status === 'completed' ? ((await store.recommendations.latest(review.id))?.id ?? null) : null;
    return statusFrom(review, requests, actions, latestId);
  }
}

/** Where the sign-off of one review stands, from its requests, its actions and its newest recommendation's id. */
function statusFrom(
  review: Review,
  requests: readonly SignOffRequest[],
  actions: readonly StoredSignOffAction[],
  latestRecommendationId: number | null,
): SignOffStatus {
  // While a changed answer has the review in progress again, nothing is signed off.
  const latestId = review.status === 'completed' ? latestRecommendationId : null;
  const approvers = requests.map((r) => ({
    approverId: r.approverId,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    approverName: r.approverName,
    requestedByName: r.requestedByName,
    current: latestId === null ? null : currentAction(actions, r.approverId, latestId),
  }));
  let state: SignOffState = 'not_requested';
  if (approvers.length > 0) {
    if (approvers.some((a) => a.current?.action === 'changes_requested')) state = 'changes_requested';
    else if (approvers.every((a) => a.current?.action === 'approved')) state = 'approved';
    else state = 'pending';
  }
  return { state, approvers, history: actions.map((a) => ({ ...a, lapsed: a.recommendationId !== latestId })) };
}

/** The approver's latest action on this recommendation. */
function currentAction(actions: readonly StoredSignOffAction[], approverId: string, recommendationId: number): StoredSignOffAction | null {
  return actions.findLast((a) => a.approverId === approverId && a.recommendationId === recommendationId) ?? null;
}

/** Trimmed, non-empty names of at most MAX_PERSON_NAME_LENGTH characters. */
function boundedNames(names: PeopleNames): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [id, name] of Object.entries(names)) {
    const trimmed = name.trim().slice(0, MAX_PERSON_NAME_LENGTH);
    if (trimmed) kept[id] = trimmed;
  }
  return kept;
}

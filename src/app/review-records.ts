import type { InterviewScript } from '../core/interview/question.js';
import { MODELS, type Model } from '../core/models.js';
import type { DecisionContent } from '../core/recommend.js';
import type { Recommendation } from '../core/recommendation.js';
import { readStoredRecommendation } from '../core/stored-recommendation.js';
import type { Review, Store } from '../storage/index.js';
import { answerLabel } from './answer-label.js';
import type { SignOffService } from './signoff-service.js';
import type {
  DecidingAnswers,
  RecordAnswer,
  RecordStatus,
  ReviewListFilter,
  ReviewListItem,
  ReviewRecord,
  SignOffState,
} from './review-record.js';

export interface ReviewRecordsDeps {
  store: Store;
  script: InterviewScript;
  content: DecisionContent;
  signOffs: Pick<SignOffService, 'status' | 'statesOf'>;
}

/** How many reviews of one channel are searched for an earlier or later review of the same workload. */
const LINEAGE_SEARCH_LIMIT = 1000;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const asModel = (value: string): Model | null => ((MODELS as readonly string[]).includes(value) ? (value as Model) : null);

/** Read-only use cases over stored reviews: the records behind exports, `reviews list --json` and the read API. */
export class ReviewRecords {
  constructor(private readonly deps: ReviewRecordsDeps) {}

  /** The whole review as one record; undefined when there is no review with this id. */
  async get(reviewId: string): Promise<ReviewRecord | undefined> {
    const { store } = this.deps;
    const review = await store.reviews.get(reviewId);
    if (!review) return undefined;
    const stored = await store.recommendations.latest(reviewId);
    const result = readStoredRecommendation(stored?.result);
    const answers = await this.answersOf(reviewId);
    const lineage = await this.lineageOf(review);
    const signOffStatus = await this.deps.signOffs.status(reviewId);
    const participants = await store.participants.list(reviewId);
    const decisions = await store.decisions.list(reviewId);
    const signOff: SignOffState = signOffStatus?.state ?? 'not_requested';
    return {
      id: review.id,
      name: review.workloadName,
      platform: review.platform,
      workspaceId: review.workspaceId,
      channelId: review.channelId,
      threadRef: review.threadRef,
      requesterId: review.requesterId,
      status: review.status,
      recordStatus: recordStatus(lineage.supersededBy, signOff),
      createdAt: iso(review.createdAt),
      updatedAt: iso(review.updatedAt),
      completedAt: isoOrNull(review.completedAt),
      people: peopleOf(review),
      participants: participants.map((p) => ({ userId: p.userId, role: p.role, addedBy: p.addedBy, addedAt: iso(p.addedAt) })),
      answers,
      recommendation: stored && result ? { id: stored.id, createdAt: iso(stored.createdAt), result } : null,
      decidingAnswers: result ? this.decidingAnswers(result, answers) : [],
      decisions: decisions.flatMap((d) => {
        const model = asModel(d.chosenModel);
        return model ? [{ model, againstAdvice: d.againstAdvice, decidedBy: d.decidedBy, note: d.note, at: iso(d.createdAt) }] : [];
      }),
      signOff,
      approvers: (signOffStatus?.approvers ?? []).map((a) => ({
        approverId: a.approverId,
        requestedBy: a.requestedBy,
        requestedAt: iso(a.requestedAt),
        action: a.current?.action ?? null,
      })),
      signOffs: (signOffStatus?.history ?? []).map((h) => ({
        approverId: h.approverId,
        action: h.action,
        note: h.note,
        at: iso(h.at),
        lapsed: h.lapsed,
      })),
      ...lineage,
    };
  }

  /** The newest reviews first, with what was recommended and decided. */
  async list(filter: ReviewListFilter): Promise<ReviewListItem[]> {
    const { store } = this.deps;
    const { since, limit, ...where } = filter;
    // Newest created first, so the ones created since `since` are a prefix of this page.
    const reviews = (await store.reviews.listRecent(limit, where)).filter((r) => since === undefined || r.createdAt >= since);
    // A fixed number of queries whatever the page size: one per kind of fact, one per place for the lineage.
    const ids = reviews.map((r) => r.id);
    const latest = await store.recommendations.listForReviews(ids);
    const decisions = await store.decisions.latestForReviews(ids);
    const signOffs = await this.deps.signOffs.statesOf(reviews, latest);
    const recentByPlace = new Map<string, Review[]>();
    for (const review of reviews) {
      const key = placeKey(review);
      if (review.status === 'completed' && !recentByPlace.has(key)) recentByPlace.set(key, await this.recentInPlace(review));
    }
    const items: ReviewListItem[] = [];
    for (const review of reviews) {
      const decided = decisions.get(review.id);
      const signOff: SignOffState = signOffs.get(review.id) ?? 'not_requested';
      const recommended = latest.get(review.id)?.recommended;
      const { supersededBy } = lineageIn(review, recentByPlace.get(placeKey(review)) ?? []);
      items.push({
        id: review.id,
        name: review.workloadName,
        platform: review.platform,
        workspaceId: review.workspaceId,
        channelId: review.channelId,
        status: review.status,
        recordStatus: recordStatus(supersededBy, signOff),
        recommended: recommended === undefined ? null : asModel(recommended),
        decision: decided ? asModel(decided.chosenModel) : null,
        signOff,
        createdAt: iso(review.createdAt),
        completedAt: isoOrNull(review.completedAt),
      });
    }
    return items;
  }

  private async answersOf(reviewId: string): Promise<RecordAnswer[]> {
    const { store, script } = this.deps;
    const current = await store.answers.list(reviewId);
    const history = await store.answers.history(reviewId);
    return script.questions.flatMap((question) => {
      const answer = current.find((a) => a.questionId === question.id);
      if (!answer) return [];
      return {
        questionId: question.id,
        question: question.text,
        value: answer.value,
        label: answerLabel(question, answer.value),
        answeredBy: answer.answeredBy,
        answeredAt: iso(answer.answeredAt),
        history: history
          .filter((h) => h.questionId === question.id)
          .map((h) => ({
            action: h.action,
            value: h.value ?? null,
            label: h.action === 'clear' ? 'Cleared' : answerLabel(question, h.value),
            actor: h.actor,
            at: iso(h.at),
          })),
      };
    });
  }

  /** Each deciding rule with the answered questions whose profile field it reads. */
  private decidingAnswers(result: Recommendation, answers: RecordAnswer[]): DecidingAnswers[] {
    const { content, script } = this.deps;
    const answered = new Set(answers.map((a) => a.questionId));
    return result.decidingRules.map((fired) => {
      const fields = new Set(content.ruleSet.rules.find((rule) => rule.id === fired.id)?.fields ?? []);
      const questionIds = script.questions.filter((q) => answered.has(q.id) && fields.has(q.field)).map((q) => q.id);
      return { ruleId: fired.id, questionIds };
    });
  }

  /** The completed reviews of the same workload (same name, any case) in the same channel just before and after this one. */
  private async lineageOf(review: Review): Promise<Lineage> {
    return review.status === 'completed' ? lineageIn(review, await this.recentInPlace(review)) : NO_LINEAGE;
  }

  /** The newest reviews in the review's channel, where an earlier or later review of the same workload would be. */
  private recentInPlace(review: Review): Promise<Review[]> {
    const { platform, workspaceId, channelId } = review;
    return this.deps.store.reviews.listRecent(LINEAGE_SEARCH_LIMIT, { platform, workspaceId, channelId });
  }
}

type Lineage = { supersedes: string | null; supersededBy: string | null };
const NO_LINEAGE: Lineage = { supersedes: null, supersededBy: null };

const placeKey = (review: Review) => JSON.stringify([review.platform, review.workspaceId, review.channelId]);

/** The completed reviews of the same workload just before and after this one, among `recent` (newest first). */
function lineageIn(review: Review, recent: readonly Review[]): Lineage {
  if (review.status !== 'completed') return NO_LINEAGE;
  const name = review.workloadName.toLowerCase();
  const sameWorkload = recent
    .filter((r) => r.id === review.id || (r.status === 'completed' && r.workloadName.toLowerCase() === name))
    .reverse(); // oldest first
  const at = sameWorkload.findIndex((r) => r.id === review.id);
  return { supersedes: sameWorkload[at - 1]?.id ?? null, supersededBy: sameWorkload[at + 1]?.id ?? null };
}

function recordStatus(supersededBy: string | null, signOff: SignOffState): RecordStatus {
  if (supersededBy !== null) return 'superseded';
  if (signOff === 'approved') return 'accepted';
  if (signOff === 'changes_requested') return 'rejected';
  return 'proposed';
}

/** Teams stores the requester's display name in the conversation reference it kept; Slack ids carry no name. */
function peopleOf(review: Review): Record<string, string> {
  const user = review.conversationRef?.user as { id?: unknown; name?: unknown } | undefined;
  if (user && typeof user.id === 'string' && typeof user.name === 'string' && user.name.trim() !== '') return { [user.id]: user.name };
  return {};
}

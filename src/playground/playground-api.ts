/**
 * The page's read-only JSON API. Everything that changes a review goes through the Teams bot (POST /api/messages);
 * these only read: the session's identities, what the bot posted, past reviews and their cards.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../app/services.js';
import { MODEL_LABELS, type Model } from '../core/models.js';
import { renderRecommendationCard } from '../render/adaptive-card.js';
import { renderRecommendationBlocks } from '../render/block-kit.js';
import { changeOptionsOf } from '../render/change-options.js';
import { toRecommendationView } from '../render/recommendation-view.js';
import type { Review } from '../storage/index.js';
import type { PlaygroundConnector } from './bot-connector.js';
import { localOrigin, sendError, sendJson } from './http-util.js';
import {
  PLAYGROUND_BOT,
  PLAYGROUND_CHANNEL_ID,
  PLAYGROUND_CONVERSATION_PREFIX,
  PLAYGROUND_PATHS,
  PLAYGROUND_TENANT_ID,
  PLAYGROUND_USER,
} from './local-identity.js';

export type PlaygroundServices = Pick<Services, 'reviews'>;

/** What GET /playground/api/reviews lists for each review. */
export interface ReviewSummary {
  id: string;
  workloadName: string;
  status: Review['status'];
  platform: Review['platform'];
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  recommended: { model: string; label: string; verdict: string } | null;
  decision: { model: string; label: string; againstAdvice: boolean } | null;
  /** The playground conversation the review lives in; null for reviews from Slack, Teams or the CLI. */
  conversationId: string | null;
}

const LIST_LIMIT_DEFAULT = 20;
const LIST_LIMIT_MAX = 100;
const WAIT_MAX_MS = 30_000;
const REVIEW_ID = /^[A-Za-z0-9_-]{1,100}$/;

function labelOf(model: string): string {
  return (MODEL_LABELS as Record<string, string>)[model] ?? model;
}

/** A review started from this playground (so its conversation can be reopened here). */
export function isPlaygroundReview(review: Review): boolean {
  return review.platform === 'teams' && review.workspaceId === PLAYGROUND_TENANT_ID && typeof review.threadRef === 'string';
}

async function summarizeReview(services: PlaygroundServices, review: Review): Promise<ReviewSummary> {
  const recommendation = await services.reviews.latestRecommendation(review.id);
  const decision = await services.reviews.latestDecision(review.id);
  return {
    id: review.id,
    workloadName: review.workloadName,
    status: review.status,
    platform: review.platform,
    createdAt: review.createdAt,
    updatedAt: review.updatedAt,
    completedAt: review.completedAt,
    recommended: recommendation
      ? {
          model: recommendation.recommended,
          label: labelOf(recommendation.recommended),
          verdict: recommendation.verdicts[recommendation.recommended as Model],
        }
      : null,
    decision: decision
      ? { model: decision.chosenModel, label: labelOf(decision.chosenModel), againstAdvice: decision.againstAdvice }
      : null,
    conversationId: isPlaygroundReview(review) ? review.threadRef : null,
  };
}

export interface ApiContext {
  services: PlaygroundServices;
  connector: PlaygroundConnector;
}

/** Handles GET /playground/api/<subPath>. */
export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  subPath: string,
  query: URLSearchParams,
): Promise<void> {
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    return sendError(res, 405, 'method not allowed');
  }
  let parts: string[];
  try {
    parts = subPath.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return sendError(res, 400, 'malformed path');
  }

  // GET session: the identities and serviceUrl the page puts in its activities, and a fresh conversation id
  if (parts.length === 1 && parts[0] === 'session') {
    return sendJson(res, 200, {
      serviceUrl: `${localOrigin(req)}${PLAYGROUND_PATHS.connector}`,
      messagesPath: '/api/messages',
      channelId: PLAYGROUND_CHANNEL_ID,
      tenantId: PLAYGROUND_TENANT_ID,
      user: PLAYGROUND_USER,
      bot: PLAYGROUND_BOT,
      newConversationId: `${PLAYGROUND_CONVERSATION_PREFIX}${randomUUID()}`,
      epoch: ctx.connector.epoch,
    });
  }

  // GET conversations/:id/activities?since=N&wait=ms: what the bot posted or updated there (a long poll with wait)
  if (parts.length === 3 && parts[0] === 'conversations' && parts[2] === 'activities') {
    const conversationId = parts[1]!;
    const since = Math.max(0, Number.parseInt(query.get('since') ?? '0', 10) || 0);
    // A page ahead of this connector saw a server that has since restarted: answer at once, so it learns the new epoch.
    const behind = since > ctx.connector.lastSeq(conversationId);
    const wait = behind ? 0 : Math.min(WAIT_MAX_MS, Math.max(0, Number.parseInt(query.get('wait') ?? '0', 10) || 0));
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const events = await ctx.connector.waitForEvents(conversationId, since, wait, gone.signal);
    if (gone.signal.aborted && res.destroyed) return;
    return sendJson(res, 200, { conversationId, epoch: ctx.connector.epoch, events, lastSeq: ctx.connector.lastSeq(conversationId) });
  }

  // GET reviews?limit=N: recent reviews, newest first
  if (parts.length === 1 && parts[0] === 'reviews') {
    const limit = Math.min(LIST_LIMIT_MAX, Math.max(1, Number.parseInt(query.get('limit') ?? '', 10) || LIST_LIMIT_DEFAULT));
    const reviews = await ctx.services.reviews.listRecent(limit);
    const summaries: ReviewSummary[] = [];
    for (const review of reviews) summaries.push(await summarizeReview(ctx.services, review));
    return sendJson(res, 200, { reviews: summaries });
  }

  // GET reviews/:id/block-kit and reviews/:id/card: the latest recommendation, rendered for Slack or Teams
  if (parts.length === 3 && parts[0] === 'reviews' && (parts[2] === 'block-kit' || parts[2] === 'card')) {
    const reviewId = parts[1]!;
    if (!REVIEW_ID.test(reviewId)) return sendError(res, 400, 'not a review id');
    const review = await ctx.services.reviews.get(reviewId);
    if (!review) return sendError(res, 404, `no review ${reviewId}`);
    const recommendation = await ctx.services.reviews.latestRecommendation(reviewId);
    if (!recommendation) return sendError(res, 404, `review ${reviewId} has no recommendation yet`);
    const view = toRecommendationView(recommendation, { reviewId, workloadName: review.workloadName });
    const changeOptions = changeOptionsOf(await ctx.services.reviews.answeredQuestions(reviewId));
    if (parts[2] === 'block-kit') return sendJson(res, 200, renderRecommendationBlocks(view, { actions: true, changeOptions }));
    // actions only where the submits can reach the review's own conversation: playground reviews
    return sendJson(res, 200, {
      card: renderRecommendationCard(view, { actions: isPlaygroundReview(review), changeOptions }),
      conversationId: isPlaygroundReview(review) ? review.threadRef : null,
    });
  }

  return sendError(res, 404, 'not found');
}

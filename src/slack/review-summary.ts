import { MODEL_LABELS } from '../core/models.js';
import { escapeMrkdwn } from '../render/escape.js';
import type { Review } from '../storage/index.js';
import { slackPermalink } from '../render/slack-ids.js';
import { STATUS_LABELS } from '../render/status-label.js';
import type { SlackDeps } from './slack-deps.js';

function modelLabel(model: string): string {
  return (MODEL_LABELS as Record<string, string>)[model] ?? model;
}

/** One review as a mrkdwn line for `list` and the Home tab: name, status, recommendation, a link to the thread. */
export function reviewSummaryLine(deps: SlackDeps, review: Review): string {
  const parts = [`*${escapeMrkdwn(review.workloadName)}*`, STATUS_LABELS[review.status]];
  const recommendation = review.status === 'completed' ? deps.services.reviews.latestRecommendation(review.id) : undefined;
  if (recommendation) parts.push(`recommended: ${escapeMrkdwn(MODEL_LABELS[recommendation.recommended])}`);
  const decision = deps.services.store.decisions.latest(review.id);
  if (decision) parts.push(`decided: ${escapeMrkdwn(modelLabel(decision.chosenModel))}`);
  const link = slackPermalink(review.channelId, review.threadRef);
  const tail = [link ? `<${link}|Open thread>` : null, `review ${escapeMrkdwn(review.id)}`].filter(Boolean).join(' · ');
  return `${parts.join(' · ')}\n${tail}`;
}

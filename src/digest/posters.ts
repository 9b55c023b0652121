import { ProactiveTargetError } from '../errors.js';
import type { AdaptiveCard } from '../render/adaptive-card-types.js';
import type { Review } from '../storage/review-repository.js';
import type { DigestPosters } from './digest-scheduler.js';

/**
 * The slice of a Slack WebClient the digest needs. Pass a client of its OWN (not the one interactive replies use):
 * @slack/web-api pauses a client's whole queue on a 429, and a digest burst must never delay an interview.
 */
export interface SlackPostClient {
  chat: { postMessage(args: Record<string, unknown> & { channel: string; text: string }): Promise<unknown> };
}

/** Posts a card into a stored Teams ConversationReference; the Teams adapter's sendProactive fits. */
export type TeamsSend = (conversationRef: Record<string, unknown>, card: AdaptiveCard) => Promise<unknown>;


/**
 * Posters for createDigestScheduler from a Slack client and/or a Teams send function. Reminders go to the review's
 * thread (Slack thread_ts, Teams stored reference); a platform left out is simply not posted to (and, for digests,
 * not claimed, so an instance that has it can post).
 */
export function digestPosters(options: { slack?: SlackPostClient; teams?: TeamsSend }): DigestPosters {
  const { slack, teams } = options;
  const inThread = async (review: Review, notice: { slack: Record<string, unknown> & { text: string }; teams: AdaptiveCard }) => {
    if (review.platform === 'slack' && slack && review.threadRef) {
      await slack.chat.postMessage({ ...notice.slack, channel: review.channelId, thread_ts: review.threadRef });
    } else if (review.platform === 'teams' && teams && review.conversationRef) {
      await teams(review.conversationRef, notice.teams);
    } else {
      throw new ProactiveTargetError(`review ${review.id} (${review.platform}) has no thread to post a reminder in`);
    }
  };
  const posters: DigestPosters = { nudge: inThread, expireNote: inThread };
  if (slack) posters.slack = async (channelId, message) => void (await slack.chat.postMessage({ ...message, channel: channelId }));
  if (teams) posters.teams = async (ref, card) => void (await teams(ref, card));
  return posters;
}

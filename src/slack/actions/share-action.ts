import type { App, ButtonAction } from '@slack/bolt';
import { SLACK_ACTION_IDS } from '../../render/action-ids.js';
import { decodeActionValue } from '../../render/action-value.js';
import { notParticipantText } from '../../render/notices.js';
import { postCard } from '../review-thread.js';
import type { SlackDeps } from '../slack-deps.js';
import { postFailureText, tellUser } from '../slack-post.js';
import { actionContext } from './action-context.js';
import { onBlockAction } from './on-block-action.js';

/** "Share to channel": the card again, as a thread reply broadcast to the channel. Once per click. */
export function registerShareAction(app: App, deps: SlackDeps): void {
  onBlockAction<ButtonAction>(app, deps, SLACK_ACTION_IDS.share, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue(action.value);
    if (!value) return;
    const { reviews, store, clock } = deps.services;
    const review = reviews.get(value.r);
    if (!review) return;
    if (!reviews.isParticipant(review.id, ctx.userId)) {
      await tellUser(deps, client, ctx.audience, notParticipantText());
      return;
    }
    const recommendation = reviews.latestRecommendation(review.id);
    if (!recommendation) return;
    if (!store.events.markProcessed(ctx.dedupeKey, 'slack', clock.now())) return; // a replayed click
    const posted = await postCard(deps, client, review, recommendation, { broadcast: true });
    if (!posted.ok) await tellUser(deps, client, ctx.audience, postFailureText(posted.code, 'share the card'));
  });
}

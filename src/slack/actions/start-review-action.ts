import type { App, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { updateMessage } from '../slack-post.js';
import { workloadNameFrom } from '../slack-text.js';
import { runTurn } from '../slack-turn.js';
import { decodeOfferValue, offerTakenBlocks, START_REVIEW_ACTION_ID } from '../views/offer-blocks.js';
import { actionContext } from './action-context.js';
import { onBlockAction } from './on-block-action.js';

/** "Start compute review" under a design proposal: the clicker becomes the requester; the review runs in that thread. */
export function registerStartReviewAction(app: App, deps: SlackDeps): void {
  onBlockAction<ButtonAction>(app, START_REVIEW_ACTION_ID, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const offer = decodeOfferValue(action.value);
    if (!offer || offer.c !== ctx.channel) return;
    const intent = { kind: 'start' as const, workloadName: workloadNameFrom(offer.n) || 'design proposal' };
    await runTurn(deps, client, intent, {
      workspaceId: ctx.workspaceId,
      channel: offer.c,
      threadTs: offer.t,
      threadRoot: offer.t,
      audience: { ...ctx.audience, threadTs: offer.t },
      dedupeKey: ctx.dedupeKey,
    });
    // the offer is taken once a review runs under the proposal: its button goes
    const review = await deps.services.reviews.findOpenByThread('slack', offer.c, offer.t);
    if (review && ctx.messageTs) {
      await updateMessage(
        deps,
        deps.updateClient ?? client,
        { channel: offer.c, ts: ctx.messageTs, ...offerTakenBlocks(review.requesterId) },
        { reviewId: review.id },
      );
    }
  });
}

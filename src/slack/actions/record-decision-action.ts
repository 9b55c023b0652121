import type { App, StaticSelectAction } from '@slack/bolt';
import { MODEL_LABELS, MODELS, type Model } from '../../core/models.js';
import { SLACK_ACTION_IDS } from '../../render/action-ids.js';
import { decodeActionValue } from '../../render/action-value.js';
import { sectionBlock } from '../../render/block-kit-parts.js';
import { notParticipantText } from '../../render/notices.js';
import type { SlackDeps } from '../slack-deps.js';
import { postMessage, tellUser } from '../slack-post.js';
import { mention } from '../slack-text.js';
import { actionContext } from './action-context.js';
import { onBlockAction } from './on-block-action.js';

export function decisionLine(userId: string, model: Model, againstAdvice: boolean): string {
  const verdict = againstAdvice
    ? 'This goes *against the advice*: the review rated it caution or unsuitable.'
    : 'This is in line with the advice.';
  return `${mention(userId)} recorded the decision: *${MODEL_LABELS[model]}*. ${verdict}`;
}

/** "Record the decision" on the card: stored against the review, confirmed in the thread. A double click records once. */
export function registerRecordDecisionAction(app: App, deps: SlackDeps): void {
  onBlockAction<StaticSelectAction>(app, deps, SLACK_ACTION_IDS.recordDecision, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue(action.selected_option?.value);
    if (!value?.m || !(MODELS as readonly string[]).includes(value.m)) return;
    const model = value.m as Model;
    const { store, reviews, clock } = deps.services;
    const result = store.transaction(() => {
      if (store.events.hasProcessed(ctx.dedupeKey)) return { kind: 'duplicate' as const };
      const recorded = reviews.recordDecision(value.r, ctx.userId, model);
      if (recorded.kind === 'ok') store.events.markProcessed(ctx.dedupeKey, 'slack', clock.now());
      return recorded;
    });
    switch (result.kind) {
      case 'duplicate':
        return;
      case 'not_participant':
        await tellUser(deps, client, ctx.audience, notParticipantText());
        return;
      case 'not_found':
        await tellUser(deps, client, ctx.audience, "I can't find that review any more.");
        return;
      case 'rejected':
        await tellUser(deps, client, ctx.audience, `I couldn't record that: ${result.message}.`);
        return;
      case 'ok': {
        const line = decisionLine(ctx.userId, model, result.againstAdvice);
        const review = result.review;
        const posted = await postMessage(deps, client, { channel: review.channelId, threadTs: review.threadRef, text: line, blocks: [sectionBlock(line)] }, { reviewId: review.id });
        if (!posted.ok) await tellUser(deps, client, ctx.audience, `Recorded your decision (${MODEL_LABELS[model]}), but I couldn't post it in the thread.`);
        return;
      }
      default:
        await tellUser(deps, client, ctx.audience, 'That review is closed.');
    }
  });
}

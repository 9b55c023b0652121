import type { App, StaticSelectAction } from '@slack/bolt';
import { SLACK_ACTION_IDS } from '../../render/action-ids.js';
import { decodeActionValue } from '../../render/action-value.js';
import { handleActionResult } from '../answer-outcome.js';
import type { SlackDeps } from '../slack-deps.js';
import { actionContext } from './action-context.js';
import { onBlockAction } from './on-block-action.js';

/** "Change an answer" on the card: re-opens that question and asks it in the thread; answering it re-evaluates. */
export function registerChangeAnswerAction(app: App, deps: SlackDeps): void {
  onBlockAction<StaticSelectAction>(app, deps, SLACK_ACTION_IDS.changeAnswer, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue(action.selected_option?.value);
    if (!value?.q) return;
    const result = deps.services.reviews.change(value.r, ctx.userId, value.q, ctx.dedupeKey);
    await handleActionResult(deps, client, result, { ...ctx.audience, threadTs: result.kind === 'ok' ? result.review.threadRef ?? undefined : ctx.threadTs });
  });
}

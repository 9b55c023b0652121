import type { App, ButtonAction, types } from '@slack/bolt';
import { texts } from '../../conversation/index.js';
import { decodeActionValue } from '../../render/action-value.js';
import { SLACK_SIGNOFF_ACTION_IDS } from '../../render/signoff-action-ids.js';
import type { SlackClient, SlackDeps } from '../slack-deps.js';
import { tellUser } from '../slack-post.js';
import { runTurn } from '../slack-turn.js';
import { requestChangesModal, signOffRequestModal } from '../views/signoff-modals.js';
import { actionContext } from './action-context.js';
import { onBlockAction } from './on-block-action.js';

/**
 * The sign-off buttons: "Request sign-off" on the card opens the approver picker; Approve is a turn; "Request changes"
 * opens the note modal, for approvers only (anyone else is told privately, and nothing is opened or stored).
 */
export function registerSignOffActions(app: App, deps: SlackDeps): void {
  onBlockAction<ButtonAction>(app, SLACK_SIGNOFF_ACTION_IDS.request, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue(action.value);
    const review = value && (await deps.services.reviews.get(value.r));
    if (!value || !review || !body.trigger_id) return;
    const place = { r: review.id, n: value.n, c: ctx.channel, t: review.threadRef ?? ctx.threadTs };
    await openModal(deps, client, body.trigger_id, signOffRequestModal(place, review.workloadName), review.id);
  });

  onBlockAction<ButtonAction>(app, SLACK_SIGNOFF_ACTION_IDS.approve, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue(action.value);
    if (!value) return;
    await runTurn(
      deps,
      client,
      { kind: 'approve', reviewId: value.r, ...(value.n !== undefined ? { recommendationId: value.n } : {}) },
      { workspaceId: ctx.workspaceId, channel: ctx.channel, threadTs: ctx.threadTs, audience: ctx.audience, dedupeKey: ctx.dedupeKey },
    );
  });

  onBlockAction<ButtonAction>(app, SLACK_SIGNOFF_ACTION_IDS.requestChanges, async ({ body, action, client, respond }) => {
    const ctx = actionContext(body, action, respond);
    const value = decodeActionValue(action.value);
    if (!value || !body.trigger_id) return;
    if ((await deps.services.signOffs.approverIdOf(value.r, [ctx.userId])) === undefined) {
      await tellUser(deps, client, ctx.audience, texts.notApprover);
      return;
    }
    const place = { r: value.r, n: value.n, c: ctx.channel, t: ctx.threadTs };
    await openModal(deps, client, body.trigger_id, requestChangesModal(place), value.r);
  });
}

async function openModal(deps: SlackDeps, client: SlackClient, triggerId: string, view: types.ModalView, reviewId: string): Promise<void> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
  } catch (error) {
    // the trigger lives three seconds: a click worked on later (a busy inbox) cannot open a modal any more
    deps.logger.warn({ err: error, reviewId }, 'could not open a sign-off modal');
  }
}

import type { App } from '@slack/bolt';
import { SLACK_SIGNOFF_VIEWS } from '../../render/signoff-action-ids.js';
import type { SlackDeps } from '../slack-deps.js';
import { runTurn } from '../slack-turn.js';
import { readSignOffSubmission } from './signoff-modals.js';

/** The dedupe key of a modal submission: a view is submitted once, so its id names the delivery. */
function viewKey(viewId: string): string {
  return `slack:view:${viewId}`;
}

/**
 * A submitted sign-off modal, run from the inbox: its fields were checked before it was recorded (a wrong one kept the
 * modal open with the error), and are read again here.
 */
export function registerSignOffSubmissions(app: App, deps: SlackDeps): void {
  for (const { callbackId } of Object.values(SLACK_SIGNOFF_VIEWS)) {
    app.view(callbackId, async ({ ack, body, view, client }) => {
      await ack();
      const submission = readSignOffSubmission(view as Parameters<typeof readSignOffSubmission>[0]);
      if (!submission || 'errors' in submission) return;
      const { place } = submission;
      const userId = body.user.id;
      const intent =
        submission.kind === 'request'
          ? { kind: 'signoff' as const, reviewId: place.r, approvers: submission.approverIds.map((id) => ({ id })) }
          : {
              kind: 'request_changes' as const,
              reviewId: place.r,
              note: submission.note,
              ...(place.n !== undefined ? { recommendationId: place.n } : {}),
            };
      await runTurn(deps, client, intent, {
        workspaceId: body.team?.id ?? body.user.team_id ?? '',
        channel: place.c,
        threadTs: place.t,
        audience: { userId, channel: place.c, threadTs: place.t, prefer: 'ephemeral' },
        dedupeKey: viewKey(view.id),
      });
    });
  }
}

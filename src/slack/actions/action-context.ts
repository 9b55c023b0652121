import type { BlockAction, BlockElementAction, RespondFn } from '@slack/bolt';
import type { Audience } from '../slack-deps.js';

/** The parts of a block_actions payload our handlers use. */
export interface ActionContext {
  userId: string;
  workspaceId: string;
  channel: string;
  /** The message the button sat on. */
  messageTs: string | undefined;
  threadTs: string | undefined;
  /** Unique per click: a replayed payload changes nothing. */
  dedupeKey: string;
  audience: Audience;
}

export function actionContext(
  body: BlockAction<BlockElementAction>,
  action: BlockElementAction,
  respond: RespondFn | undefined,
): ActionContext {
  const container = (body.container ?? {}) as { message_ts?: string; channel_id?: string; thread_ts?: string };
  const channel = body.channel?.id ?? container.channel_id ?? '';
  const messageTs = container.message_ts ?? body.message?.ts;
  const threadTs = container.thread_ts ?? (body.message?.thread_ts as string | undefined);
  const clickId = action.action_ts ? `${messageTs ?? ''}:${action.action_ts}` : body.trigger_id;
  return {
    userId: body.user.id,
    workspaceId: body.team?.id ?? body.user.team_id ?? '',
    channel,
    messageTs,
    threadTs,
    dedupeKey: `slack:action:${clickId}`,
    audience: { userId: body.user.id, channel, threadTs, respond, prefer: 'ephemeral' },
  };
}

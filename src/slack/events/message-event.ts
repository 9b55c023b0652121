import type { App } from '@slack/bolt';
import { forInteractiveWork, type SlackDeps } from '../slack-deps.js';
import { offerDesignReview } from './design-review-offer.js';
import { handleThreadReply } from './thread-reply.js';

/** The fields of a message event we read. Bolt's union type is wide; these are the ones that matter here. */
export interface IncomingMessage {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  bot_profile?: unknown;
  app_id?: string;
}

/** A message posted in a thread (not the thread's parent): maybe an answer to a review's question. */
export function isThreadReply(message: { ts?: unknown; thread_ts?: unknown } | undefined): boolean {
  return typeof message?.thread_ts === 'string' && message.thread_ts !== message.ts;
}

/**
 * One listener for message events: thread replies may answer a review; top-level messages in design-review
 * channels may get an offer. Edits, joins, bot posts (ours included) and other subtypes are ignored.
 */
export function registerMessageEvents(app: App, deps: SlackDeps): void {
  // a reply in a thread may be an answer: the person is waiting for the next question
  const replyDeps = forInteractiveWork(deps);
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as unknown as IncomingMessage;
    if (message.subtype !== undefined || message.bot_id !== undefined || message.bot_profile !== undefined) return;
    if (typeof message.user !== 'string' || typeof message.channel !== 'string') return;
    const eventId = (body as { event_id?: string }).event_id;
    const workspaceId = (body as { team_id?: string }).team_id ?? '';
    if (isThreadReply(message)) {
      await handleThreadReply(replyDeps, client, message, { eventId, botUserId: context.botUserId });
    } else {
      await offerDesignReview(deps, client, message, { eventId, workspaceId, botUserId: context.botUserId });
    }
  });
}

import type { App } from '@slack/bolt';
import type { SlackDeps } from '../slack-deps.js';
import { decodeSlackEntities, parseAddRequest, parseSignOffRequest, stripBotMention } from '../slack-text.js';
import { runTurn } from '../slack-turn.js';
import { offerDesignReview } from './design-review-offer.js';

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

/** The dedupe key of an Events API delivery: Slack's event_id is unique across retries. */
export function eventKey(eventId: string): string {
  return `slack:event:${eventId}`;
}

/** A message posted in a thread (not the thread's parent): maybe an answer to a review's question. */
export function isThreadReply(message: { ts?: unknown; thread_ts?: unknown } | undefined): boolean {
  return typeof message?.thread_ts === 'string' && message.thread_ts !== message.ts;
}

/**
 * One listener for message events: a reply in a thread that holds an open review answers it (or, `add @someone`,
 * adds people); `signoff @someone` in a review's thread, finished or not, names approvers; a top-level message in a design-review channel may get an offer. Replies in other threads are
 * ordinary conversation. Edits, joins, bot posts (ours included) and other subtypes are ignored.
 */
export function registerMessageEvents(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as unknown as IncomingMessage;
    if (message.subtype !== undefined || message.bot_id !== undefined || message.bot_profile !== undefined) return;
    if (typeof message.user !== 'string' || typeof message.channel !== 'string') return;
    const eventId = (body as { event_id?: string }).event_id;
    const workspaceId = (body as { team_id?: string }).team_id ?? '';
    if (!isThreadReply(message)) {
      await offerDesignReview(deps, client, message, { workspaceId, botUserId: context.botUserId });
      return;
    }
    const threadTs = message.thread_ts as string;
    const raw = stripBotMention(message.text ?? '', context.botUserId);
    const approvers = parseSignOffRequest(raw);
    const { reviews } = deps.services;
    // a finished review can still be signed off from its thread; everything else needs one running
    const review = approvers
      ? await reviews.findByThread('slack', message.channel, threadTs)
      : await reviews.findOpenByThread('slack', message.channel, threadTs);
    if (!review) return;
    const toAdd = parseAddRequest(raw);
    const intent = approvers
      ? { kind: 'signoff' as const, approvers: approvers.map((id) => ({ id })) }
      : toAdd && toAdd.length > 0
        ? { kind: 'add' as const, people: toAdd.map((id) => ({ id })) }
        : { kind: 'answer' as const, text: decodeSlackEntities(raw), addressed: false };
    await runTurn(deps, client, intent, {
      workspaceId,
      channel: message.channel,
      threadTs,
      audience: { userId: message.user, channel: message.channel, threadTs, prefer: 'ephemeral' },
      dedupeKey: eventId ? eventKey(eventId) : undefined,
    });
  });
}

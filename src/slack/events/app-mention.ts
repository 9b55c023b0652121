import type { App } from '@slack/bolt';
import { helpMessage } from '../commands/help-text.js';
import type { SlackDeps } from '../slack-deps.js';
import { tellUser } from '../slack-post.js';
import { decodeSlackEntities, parseSignOffRequest, stripBotMention, workloadNameFrom } from '../slack-text.js';
import { runTurn } from '../slack-turn.js';
import { eventKey } from './message-event.js';

/**
 * A mention of the bot starts a review in that message's thread, named after the rest of the message.
 * A mention inside a thread that already holds a review is an answer (or a sign-off request): the message listener
 * handles it.
 */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const user = event.user;
    if (!user || (event as { bot_id?: string }).bot_id) return;
    const threadTs = event.thread_ts ?? event.ts;
    if (event.thread_ts && (await deps.services.reviews.findOpenByThread('slack', event.channel, event.thread_ts))) return;
    // `@bot signoff @a` in a review's thread: the message listener names the approvers
    const signOff = parseSignOffRequest(stripBotMention(event.text ?? '', context.botUserId));
    if (event.thread_ts && signOff && (await deps.services.reviews.findByThread('slack', event.channel, event.thread_ts))) return;
    const audience = { userId: user, channel: event.channel, threadTs, prefer: 'ephemeral' as const };
    const name = workloadNameFrom(decodeSlackEntities(stripBotMention(event.text ?? '', context.botUserId)));
    if (!name) {
      await tellUser(deps, client, audience, '', helpMessage());
      return;
    }
    const eventId = (body as { event_id?: string }).event_id;
    await runTurn(
      deps,
      client,
      { kind: 'start', workloadName: name },
      {
        workspaceId: (body as { team_id?: string }).team_id ?? event.team ?? '',
        channel: event.channel,
        threadTs,
        threadRoot: threadTs,
        audience,
        dedupeKey: eventId ? eventKey(eventId) : undefined,
      },
    );
  });
}

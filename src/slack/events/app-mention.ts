import type { App } from '@slack/bolt';
import { helpMessage } from '../commands/help-text.js';
import { startReviewInThread } from '../start-review.js';
import type { SlackDeps } from '../slack-deps.js';
import { tellUser } from '../slack-post.js';
import { decodeSlackEntities, stripBotMention, workloadNameFrom } from '../slack-text.js';
import { markEventDone } from './event-dedupe.js';

/**
 * A mention of the bot starts a review in that message's thread, named after the rest of the message.
 * A mention inside a thread that already holds a review is an answer: the message listener handles it.
 */
export function registerAppMention(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    const user = event.user;
    if (!user || (event as { bot_id?: string }).bot_id) return;
    const threadTs = event.thread_ts ?? event.ts;
    const eventId = (body as { event_id?: string }).event_id;
    if (event.thread_ts && deps.services.reviews.findOpenByThread('slack', event.channel, event.thread_ts)) return;
    const audience = { userId: user, channel: event.channel, threadTs, prefer: 'ephemeral' as const };
    const name = workloadNameFrom(decodeSlackEntities(stripBotMention(event.text ?? '', context.botUserId)));
    if (!name) {
      await tellUser(deps, client, audience, '', helpMessage());
      markEventDone(deps, eventId);
      return;
    }
    // A retry of a mention whose review already exists (the first delivery is still posting, maybe on another
    // instance): that delivery answers it; saying "already running" here would only confuse.
    if (context.retryNum && deps.services.reviews.findOpenByThread('slack', event.channel, threadTs)) return;
    const review = await startReviewInThread(deps, client, {
      workspaceId: (body as { team_id?: string }).team_id ?? event.team ?? '',
      channel: event.channel,
      userId: user,
      workloadName: name,
      threadTs,
      audience,
    });
    if (review) markEventDone(deps, eventId);
  });
}

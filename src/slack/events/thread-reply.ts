import { addParticipants } from '../commands/add-command.js';
import { handleAnswerResult } from '../answer-outcome.js';
import type { SlackClient, SlackDeps } from '../slack-deps.js';
import { decodeSlackEntities, parseAddRequest, stripBotMention } from '../slack-text.js';
import { eventKey } from './event-dedupe.js';
import type { IncomingMessage } from './message-event.js';

/**
 * A reply in a thread that holds an open review: `add @someone` from the requester adds people; anything else is
 * an answer to the current question (dedupe key: the event id, stored with the answer in one transaction).
 * Replies in other threads are ordinary conversation and are left alone.
 */
export async function handleThreadReply(
  deps: SlackDeps,
  client: SlackClient,
  message: IncomingMessage,
  meta: { eventId: string | undefined; botUserId: string | undefined },
): Promise<void> {
  const threadTs = message.thread_ts as string;
  const review = deps.services.reviews.findOpenByThread('slack', message.channel, threadTs);
  if (!review) return;
  const userId = message.user as string;
  const audience = { userId, channel: message.channel, threadTs, prefer: 'ephemeral' as const };
  const raw = stripBotMention(message.text ?? '', meta.botUserId);

  const toAdd = parseAddRequest(raw);
  if (toAdd && toAdd.length > 0) {
    await addParticipants(deps, client, review, userId, toAdd, audience);
    if (meta.eventId) deps.services.store.events.markProcessed(eventKey(meta.eventId), 'slack', deps.services.clock.now());
    return;
  }

  const text = decodeSlackEntities(raw);
  if (text === '') return;
  const result = deps.services.reviews.answer(review.id, userId, {
    text,
    ...(meta.eventId ? { dedupeKey: eventKey(meta.eventId) } : {}),
  });
  await handleAnswerResult(deps, client, result, audience);
}

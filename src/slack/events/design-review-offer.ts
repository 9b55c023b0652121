import { looksLikeDesignProposal } from '../design-review-keywords.js';
import type { SlackClient, SlackDeps } from '../slack-deps.js';
import { postMessage } from '../slack-post.js';
import { decodeSlackEntities, mentionsUser, stripBotMention, workloadNameFrom } from '../slack-text.js';
import { offerBlocks } from '../views/offer-blocks.js';
import type { IncomingMessage } from './message-event.js';

/** The proposal's first line makes the review's name: "RFC: payments webhooks" -> "RFC: payments webhooks". */
export function proposalTitle(text: string): string {
  const firstLine =
    decodeSlackEntities(text)
      .split('\n')
      .find((line) => line.trim() !== '') ?? '';
  return workloadNameFrom(firstLine.replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2').replace(/[*_~`]/g, ''));
}

/**
 * A top-level human message in a design-review channel that looks like a proposal gets one "Start compute review"
 * offer in its thread. Claimed in the database before posting, so a message is never offered twice.
 */
export async function offerDesignReview(
  deps: SlackDeps,
  client: SlackClient,
  message: IncomingMessage,
  meta: { workspaceId: string; botUserId: string | undefined },
): Promise<void> {
  if (message.channel_type === 'im') return;
  const text = message.text ?? '';
  // a mention of the bot starts a review itself (app_mention); no offer on top of it
  if (mentionsUser(text, meta.botUserId)) return;
  const { channels } = deps.services;
  const settings = await channels.settings('slack', meta.workspaceId, message.channel);
  if (!settings?.designReview) return;
  if (!looksLikeDesignProposal(stripBotMention(decodeSlackEntities(text), meta.botUserId), settings.keywords)) return;
  if (!(await channels.claimOffer('slack', message.channel, message.ts))) return;
  const offer = offerBlocks({ c: message.channel, t: message.ts, n: proposalTitle(text) || 'design proposal' });
  await postMessage(deps, client, { channel: message.channel, threadTs: message.ts, ...offer });
}

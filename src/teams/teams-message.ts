import type { AdaptiveCard } from '../render/adaptive-card-types.js';

/**
 * The SDK-neutral view of one inbound Teams message, and of a message the bot sends. Moving to the Microsoft 365
 * Agents SDK means rewriting the small translation in botbuilder-turn.ts, not the conversation.
 */
export interface TeamsInbound {
  /** The activity id (dedupe key `teams:<id>`). */
  id: string;
  /** Text with the bot's own @mention removed, trimmed. */
  text: string;
  /** Action.Submit data merged with the card's inputs; undefined for typed messages. */
  value?: Record<string, unknown>;
  fromId: string;
  fromName: string;
  /** The sender's Entra object id, when Teams gives it (ADMIN_USER_IDS may name people by it). */
  fromAadObjectId?: string;
  /** The team a channel belongs to; none in chats. */
  teamId?: string;
  /** Who can see the conversation besides its members: 'team:<id>' for a standard channel, null elsewhere. */
  audience: string | null;
  /** Azure AD tenant: the review's workspace. */
  tenantId: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  /** The review's channel: the Teams channel id, or the chat's conversation id. */
  channelId: string;
  /** The reply chain: `<channel conversation>;messageid=<root>` in channels, the chat id elsewhere. */
  threadRef: string;
  /** The activity a card submit came from (Teams sets it to the card's message id). */
  replyToId?: string;
  /** Where to post later: a ConversationReference pointing into this reply chain, as plain JSON. */
  conversationRef: Record<string, unknown>;
  /** People @mentioned besides the bot. */
  mentions: Array<{ id: string; name: string }>;
}

/** What the bot sends: a card, optionally with a text line above it. */
export interface OutgoingMessage {
  card?: AdaptiveCard;
  text?: string;
}

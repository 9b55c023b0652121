import type { Platform } from '../storage/index.js';

/** Who acted: the platform's user id, and a display name where the platform gives one. */
export interface Actor {
  id: string;
  name?: string;
}

/** Where a turn happened. */
export interface Where {
  platform: Extract<Platform, 'slack' | 'teams'>;
  /** Slack team id, Teams tenant id. */
  workspaceId: string;
  channelId: string;
  /** The thread the turn is in: Slack thread_ts, the Teams reply chain. None for a Slack slash command. */
  threadRef?: string | undefined;
  /** The message that opened the thread, when the platform names one (a Slack mention's ts). */
  threadRoot?: string | undefined;
  /** A one-to-one chat with the bot (no mention needed there). */
  directChat?: boolean | undefined;
  /** Teams: a ConversationReference into this reply chain, for posting later. */
  conversationRef?: Record<string, unknown> | undefined;
}

/**
 * What a person asked for, whatever the platform. A `reviewId` comes from a button or card; without one a command
 * is about the review in this thread, or the person's latest open review.
 */
export type Intent =
  | { kind: 'start'; workloadName: string }
  /** `addressed`: the bot was spoken to (a mention, a direct chat); an unaddressed reply outside a review is left alone. */
  | { kind: 'answer'; text: string; reviewId?: string; questionId?: string; clicked?: string; addressed: boolean }
  | { kind: 'skip' | 'back'; reviewId: string; questionId?: string; clicked?: string }
  | { kind: 'change'; reviewId: string; questionId: string }
  | { kind: 'cancel'; reviewId?: string }
  | { kind: 'add'; reviewId?: string; people: Actor[] }
  /** `recommendationId`: the recommendation the card showed; a decision from a superseded card is refused. */
  | { kind: 'decide'; reviewId: string; model: string; recommendationId?: number }
  | { kind: 'share'; reviewId: string }
  | { kind: 'list' }
  | { kind: 'resume'; reviewId?: string }
  | { kind: 'digest'; text: string }
  /** Which organisation lenses shape the advice here, with their versions. */
  | { kind: 'lens' }
  | { kind: 'help' };

export type IntentKind = Intent['kind'];

/** One inbound message, click or command, as the conversation sees it. */
export interface Turn {
  intent: Intent;
  actor: Actor;
  where: Where;
  /** The platform's id for this delivery (Slack event_id or click, Teams activity id): a redelivery changes nothing. */
  dedupeKey?: string | undefined;
}

import type { Platform } from '../storage/index.js';

/**
 * Inbound message text is cut to this many characters at the edge, before anything is recorded or queued, so a flood
 * of long messages cannot fill the memory. No command or answer is this long (an answer over 500 characters is
 * re-asked as too long), so the cut never changes what a message asks for.
 */
export const MAX_INBOUND_TEXT = 4000;

export function boundInboundText(text: string): string {
  return text.length > MAX_INBOUND_TEXT ? text.slice(0, MAX_INBOUND_TEXT) : text;
}

/** Who acted: the platform's user id, and a display name where the platform gives one. */
export interface Actor {
  id: string;
  name?: string;
  /** Other ids the platform knows the person by (Teams: the Entra object id), tried when matching named approvers. */
  aliases?: string[];
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
 * What only the platform can say about a turn, asked only when the turn needs it (each answer may cost a platform
 * call). Both fail closed: when the platform cannot say, the person is no admin and the conversation has no audience.
 */
export interface TurnFacts {
  /**
   * May the person acting change this conversation's settings (its digest)? Slack: a workspace admin or owner;
   * Teams: an owner of the channel's team; both: anyone on ADMIN_USER_IDS.
   */
  actorIsAdmin(): Promise<boolean>;
  /**
   * Who can see this conversation besides its members: 'workspace' (a Slack public channel), 'team:<id>' (a Teams
   * standard channel), null (a direct or group chat, a private channel).
   */
  audience(): Promise<string | null>;
}

/** Facts for a turn whose platform can tell nothing: no admin, no audience. */
export const NO_FACTS: TurnFacts = { actorIsAdmin: async () => false, audience: async () => null };

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
  /** Names approvers of the review's recommendation (the review in this thread, or the given one). */
  | { kind: 'signoff'; reviewId?: string; approvers: Actor[] }
  /** `recommendationId`: the recommendation the approver was asked about; an action on a superseded one is refused. */
  | { kind: 'approve'; reviewId: string; recommendationId?: number }
  | { kind: 'request_changes'; reviewId: string; note: string; recommendationId?: number }
  /** The review's decision record (MADR), handed to the person who asked: a signed link, and a file where the platform takes one. */
  | { kind: 'export'; reviewId: string }
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
  /** Asked when the turn changes settings or starts a review; NO_FACTS when absent. */
  facts?: TurnFacts | undefined;
  /**
   * Taken from the inbox after the process that received it stopped (or after a postponement): its work may be stored
   * with its replies never posted, and no other delivery is posting them, so they are posted without waiting.
   */
  resumed?: boolean | undefined;
}

import type { RespondFn, webApi } from '@slack/bolt';
import type { AppServices } from '../app/services.js';
import type { Conversation } from '../conversation/index.js';
import type { Logger } from '../logger.js';
import type { SlackMessage } from './slack-renderer.js';
import type { ChannelAudiences } from './channel-audience.js';

export type SlackClient = webApi.WebClient;
export type { RespondFn };

/** What every Slack listener needs. Built once by createSlackApp. */
export interface SlackDeps {
  services: AppServices;
  conversation: Conversation<SlackMessage>;
  logger: Logger;
  /** Users allowed to change channel settings besides workspace admins/owners (ADMIN_USER_IDS). */
  adminUserIds: ReadonlySet<string>;
  /** Which channels are public, asked of Slack once in a while. */
  audiences: ChannelAudiences;
  /**
   * A client of its own for chat.update of messages that were already acted on (an answered question, a taken
   * offer). chat.update is a Tier 3 method, and a 429 pauses a WebClient's whole request queue for Retry-After:
   * on its own queue, a rate-limited update never holds up the next question. Absent: the listener's client.
   */
  updateClient?: SlackClient;
}

/** Where a reply about a review goes: the person, and the channel/thread they acted in. */
export interface Audience {
  userId: string;
  channel: string;
  threadTs?: string | undefined;
  /** The response_url of a command or action: works even where the bot is not a member. */
  respond?: RespondFn | undefined;
  /** Commands answer through response_url first; actions and events through chat.postEphemeral first. */
  prefer: 'respond' | 'ephemeral';
}

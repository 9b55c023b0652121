import type { RespondFn, webApi } from '@slack/bolt';
import type { Services } from '../app/services.js';
import type { DigestStore } from '../digest/index.js';
import type { Logger } from '../logger.js';
import type { WorkTracker } from './work-tracker.js';

export type SlackClient = webApi.WebClient;
export type { RespondFn };

/** What every Slack listener needs. Built once by createSlackApp. */
export interface SlackDeps {
  services: Services;
  logger: Logger;
  /** Users allowed to change channel settings besides workspace admins/owners (ADMIN_USER_IDS). */
  adminUserIds: ReadonlySet<string>;
  work: WorkTracker;
  /** Event keys being handled right now: a redelivery that arrives meanwhile is dropped. */
  eventsInFlight: Set<string>;
  /** Weekly digest subscriptions (`/compute-advice digest …`); absent when digests are not offered. */
  digests?: DigestStore;
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

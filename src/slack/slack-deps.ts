import type { RespondFn, webApi } from '@slack/bolt';
import type { AppServices } from '../app/services.js';
import type { Conversation } from '../conversation/index.js';
import type { Logger } from '../logger.js';
import type { SlackMessage } from './slack-renderer.js';
import type { WorkTracker } from './work-tracker.js';

export type SlackClient = webApi.WebClient;
export type { RespondFn };

/** What every Slack listener needs. Built once by createSlackApp. */
export interface SlackDeps {
  services: AppServices;
  conversation: Conversation<SlackMessage>;
  logger: Logger;
  /** Users allowed to change channel settings besides workspace admins/owners (ADMIN_USER_IDS). */
  adminUserIds: ReadonlySet<string>;
  work: WorkTracker;
  /**
   * Set for listeners that answer someone waiting on a review (a click, a reply in its thread): their work starts
   * at once and their Web API calls give up an event-loop turn only while a request is open. Without it (a new
   * review, App Home) work waits for a quiet moment and yields a turn before each call, so bursts of acks go first.
   */
  interactive?: boolean;
  /**
   * A client of its own for chat.update of messages that were already acted on (an answered question, a taken
   * offer). chat.update is a Tier 3 method, and a 429 pauses a WebClient's whole request queue for Retry-After:
   * on its own queue, a rate-limited update never holds up the next question. Absent: the listener's client.
   */
  updateClient?: SlackClient;
}

/** The same deps, for listeners whose follow-up someone is waiting for (see `interactive`). */
export function forInteractiveWork(deps: SlackDeps): SlackDeps {
  return deps.interactive ? deps : { ...deps, interactive: true };
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

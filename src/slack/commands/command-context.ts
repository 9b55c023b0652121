import type { Audience, SlackClient, SlackDeps } from '../slack-deps.js';

/** Everything a /compute-advice subcommand needs, taken from the command payload after the ack. */
export interface CommandContext {
  deps: SlackDeps;
  client: SlackClient;
  workspaceId: string;
  channel: string;
  userId: string;
  /** A direct message (with the bot): the same flow runs there. */
  isDirectMessage: boolean;
  audience: Audience;
}

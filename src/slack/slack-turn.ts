import type { Intent, TurnFacts } from '../conversation/index.js';
import { currentInboxJob } from '../inbox/current-job.js';
import { isSlackAdmin } from './admin.js';
import type { SlackClient, SlackDeps } from './slack-deps.js';
import { slackOutbox, type SlackTurnPlace } from './slack-outbox.js';

export interface SlackTurnInput extends SlackTurnPlace {
  workspaceId: string;
  /** The thread the turn is in (a reply, a mention in a thread, a click on a message in one). */
  threadTs?: string | undefined;
  /** The message that opened the thread, when known (a mention starts a review under itself). */
  threadRoot?: string | undefined;
  directChat?: boolean;
  dedupeKey?: string | undefined;
}

/** What Slack can tell about a turn, asked only when the conversation needs it. */
function slackFacts(deps: SlackDeps, client: SlackClient, input: SlackTurnInput): TurnFacts {
  return {
    actorIsAdmin: () => isSlackAdmin(deps, client, input.audience.userId),
    audience: () => deps.audiences.of(deps, client, input.channel),
  };
}

/** Hands one Slack payload, as an intent, to the conversation with an outbox for this turn. */
export function runTurn(deps: SlackDeps, client: SlackClient, intent: Intent, input: SlackTurnInput): Promise<void> {
  return deps.conversation.handle(
    {
      intent,
      facts: slackFacts(deps, client, input),
      actor: { id: input.audience.userId },
      where: {
        platform: 'slack',
        workspaceId: input.workspaceId,
        channelId: input.channel,
        threadRef: input.threadTs,
        threadRoot: input.threadRoot,
        directChat: input.directChat ?? false,
      },
      dedupeKey: input.dedupeKey,
      // taken from the inbox after the process that recorded it stopped: its replies may never have been posted
      resumed: currentInboxJob()?.resumed === true,
    },
    slackOutbox(deps, client, input),
  );
}

import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { Intent } from '../../conversation/index.js';
import type { Audience, SlackClient, SlackDeps } from '../slack-deps.js';
import { tellUser } from '../slack-post.js';
import { runTurn } from '../slack-turn.js';
import { designReviewCommand } from './design-review-command.js';
import { DESIGN_REVIEW_USAGE, helpMessage } from './help-text.js';
import { type ParsedCommand, parseCommand } from './parse-command.js';

export const COMMAND_NAME = '/compute-advice';

export function isDirectMessageChannel(channelId: string, channelName?: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

/** Everything a Slack-only subcommand needs, taken from the command payload after the ack. */
export interface CommandContext {
  deps: SlackDeps;
  client: SlackClient;
  workspaceId: string;
  channel: string;
  userId: string;
  isDirectMessage: boolean;
  audience: Audience;
}

/**
 * `/compute-advice …`: help rides on the acknowledgement itself; anything else was acknowledged when the inbox recorded
 * it, and runs here from the inbox.
 */
export function registerComputeAdviceCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND_NAME, async ({ command, ack, respond, client }) => {
    const parsed = parseCommand(command.text ?? '');
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage() });
      return;
    }
    await ack();
    await runSubcommand(contextFor(deps, command, client, respond), parsed);
  });
}

/** The conversation's intent for a subcommand; undefined for the Slack-only one (design-review mode). */
function intentOf(parsed: Exclude<ParsedCommand, { kind: 'help' }>): Intent | undefined {
  switch (parsed.kind) {
    case 'start':
      return { kind: 'start', workloadName: parsed.workloadName };
    case 'list':
    case 'lens':
      return { kind: parsed.kind };
    case 'cancel':
    case 'resume':
      return { kind: parsed.kind, ...(parsed.reviewId ? { reviewId: parsed.reviewId } : {}) };
    case 'add':
      return { kind: 'add', people: parsed.userIds.map((id) => ({ id })), ...(parsed.reviewId ? { reviewId: parsed.reviewId } : {}) };
    case 'signoff':
      return {
        kind: 'signoff',
        approvers: parsed.unresolved ? [] : parsed.userIds.map((id) => ({ id })),
        ...(parsed.reviewId ? { reviewId: parsed.reviewId } : {}),
      };
    case 'digest':
      // the conversation decides who may apply it, from the parsed command
      return { kind: 'digest', text: parsed.text };
    default:
      return undefined;
  }
}

/** The work after the ack. */
async function runSubcommand(ctx: CommandContext, parsed: Exclude<ParsedCommand, { kind: 'help' }>): Promise<void> {
  switch (parsed.kind) {
    case 'design_review':
      return designReviewCommand(ctx, parsed.on, parsed.keywords);
    case 'design_review_usage':
      await tellUser(ctx.deps, ctx.client, ctx.audience, DESIGN_REVIEW_USAGE);
      return;
    case 'add':
      // people typed as text rather than picked: Slack did not resolve them to ids
      if (parsed.unresolved) return runTurn(ctx.deps, ctx.client, { kind: 'add', people: [] }, turnPlace(ctx));
  }
  const intent = intentOf(parsed);
  if (intent) await runTurn(ctx.deps, ctx.client, intent, turnPlace(ctx));
}

export function turnPlace(ctx: CommandContext) {
  return { workspaceId: ctx.workspaceId, channel: ctx.channel, audience: ctx.audience, directChat: ctx.isDirectMessage };
}

function contextFor(deps: SlackDeps, command: SlashCommand, client: SlackClient, respond: RespondFn): CommandContext {
  return {
    deps,
    client,
    workspaceId: command.team_id,
    channel: command.channel_id,
    userId: command.user_id,
    isDirectMessage: isDirectMessageChannel(command.channel_id, command.channel_name),
    audience: { userId: command.user_id, channel: command.channel_id, respond, prefer: 'respond' },
  };
}

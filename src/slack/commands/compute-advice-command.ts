import type { App, SlashCommand } from '@slack/bolt';
import { startReviewInThread } from '../start-review.js';
import type { SlackDeps } from '../slack-deps.js';
import { tellUser } from '../slack-post.js';
import { addCommand } from './add-command.js';
import { cancelCommand } from './cancel-command.js';
import type { CommandContext } from './command-context.js';
import { designReviewCommand } from './design-review-command.js';
import { digestCommand } from './digest-command.js';
import { DESIGN_REVIEW_USAGE, helpMessage } from './help-text.js';
import { listCommand } from './list-command.js';
import { parseCommand, type ParsedCommand } from './parse-command.js';
import { resumeCommand } from './resume-command.js';

export const COMMAND_NAME = '/compute-advice';

export function isDirectMessageChannel(channelId: string, channelName?: string): boolean {
  return channelId.startsWith('D') || channelName === 'directmessage';
}

/** `/compute-advice …`: acknowledged before anything else (help rides on the ack itself), then the work. */
export function registerComputeAdviceCommand(app: App, deps: SlackDeps): void {
  app.command(COMMAND_NAME, async ({ command, ack, respond, client }) => {
    const parsed = parseCommand(command.text ?? '');
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage() });
      return;
    }
    await ack();
    const ctx = contextFor(deps, command, client, respond);
    deps.work.defer(() => runSubcommand(ctx, parsed));
  });
}

/** The work after the ack, as deferred work (see WorkTracker). */
async function runSubcommand(ctx: CommandContext, parsed: Exclude<ParsedCommand, { kind: 'help' }>): Promise<void> {
  switch (parsed.kind) {
    case 'list':
      return listCommand(ctx);
    case 'cancel':
      return cancelCommand(ctx, parsed.reviewId);
    case 'resume':
      return resumeCommand(ctx, parsed.reviewId);
    case 'add':
      return addCommand(ctx, parsed.userIds, parsed.reviewId, parsed.unresolved);
    case 'design_review':
      return designReviewCommand(ctx, parsed.on, parsed.keywords);
    case 'digest':
      return digestCommand(ctx, parsed.text);
    case 'design_review_usage':
      await tellUser(ctx.deps, ctx.client, ctx.audience, DESIGN_REVIEW_USAGE);
      return;
    case 'start':
      await startReviewInThread(ctx.deps, ctx.client, {
        workspaceId: ctx.workspaceId,
        channel: ctx.channel,
        userId: ctx.userId,
        workloadName: parsed.workloadName,
        audience: ctx.audience,
      });
      return;
  }
}

function contextFor(
  deps: SlackDeps,
  command: SlashCommand,
  client: CommandContext['client'],
  respond: CommandContext['audience']['respond'],
): CommandContext {
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

import { isSlackAdmin } from '../admin.js';
import { tellUser } from '../slack-post.js';
import { runTurn } from '../slack-turn.js';
import { type CommandContext, turnPlace } from './compute-advice-command.js';

export const NOT_ADMIN_DIGEST_TEXT =
  "Only workspace admins (or people on the bot's admin list) can change this channel's digest. Anyone can run /compute-advice digest preview.";

/** `/compute-advice digest weekly <day> <HH:MM> <zone> [workspace] | off | preview`: changes are for admins; the preview goes to the asker only. */
export async function digestCommand(ctx: CommandContext, text: string): Promise<void> {
  const { deps, client } = ctx;
  // Subscribing or unsubscribing a channel is a channel setting: admins only, like design-review mode.
  const wantsChange = /^\s*digest\s+(weekly|off)\b/i.test(text);
  if (wantsChange && !(await isSlackAdmin(deps, client, ctx.userId))) {
    await tellUser(deps, client, ctx.audience, NOT_ADMIN_DIGEST_TEXT);
    return;
  }
  await runTurn(deps, client, { kind: 'digest', text }, turnPlace(ctx));
}

import { handleDigestText, renderDigestBlocks } from '../../digest/index.js';
import { tellUser } from '../slack-post.js';
import { isSlackAdmin } from '../admin.js';
import type { CommandContext } from './command-context.js';

export const NOT_ADMIN_DIGEST_TEXT = "Only workspace admins (or people on the bot's admin list) can change this channel's digest. Anyone can run /compute-advice digest preview.";

/** `/compute-advice digest weekly <day> <HH:MM> <zone> [workspace] | off | preview`: the preview goes to the asker only. */
export async function digestCommand(ctx: CommandContext, text: string): Promise<void> {
  const { deps, client } = ctx;
  if (!deps.digests) {
    await tellUser(deps, client, ctx.audience, 'Digests are not available on this server.');
    return;
  }
  // Subscribing or unsubscribing a channel is a channel setting: admins only, like design-review mode.
  const wantsChange = !/^\s*digest\s+preview\b/i.test(text) && /^\s*digest\s+(weekly|off)\b/i.test(text);
  if (wantsChange && !(await isSlackAdmin(deps, client, ctx.userId))) {
    await tellUser(deps, client, ctx.audience, NOT_ADMIN_DIGEST_TEXT);
    return;
  }
  const place = { platform: 'slack' as const, workspaceId: ctx.workspaceId, channelId: ctx.channel };
  const result = handleDigestText(deps.digests, deps.services.clock, place, ctx.userId, text);
  if (result.kind === 'preview') {
    const message = renderDigestBlocks(result.view);
    await tellUser(deps, client, ctx.audience, message.text, { text: message.text, blocks: message.blocks });
    return;
  }
  deps.logger.info({ channel: ctx.channel, userId: ctx.userId }, 'digest setting handled');
  await tellUser(deps, client, ctx.audience, result.reply.text);
}

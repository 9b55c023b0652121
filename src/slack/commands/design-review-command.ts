import { isSlackAdmin } from '../admin.js';
import { DEFAULT_DESIGN_KEYWORDS } from '../design-review-keywords.js';
import { tellUser } from '../slack-post.js';
import type { CommandContext } from './compute-advice-command.js';

export const NOT_ADMIN_TEXT = "Only workspace admins (or people on the bot's admin list) can change design-review settings.";

/** `/compute-advice channel design-review on|off [keywords…]`: admins only; stored per channel in the database. */
export async function designReviewCommand(ctx: CommandContext, on: boolean, keywords: string[] | null): Promise<void> {
  const { deps, client } = ctx;
  if (ctx.isDirectMessage) {
    await tellUser(deps, client, ctx.audience, 'Design-review mode is for channels: run this in the channel you want to switch.');
    return;
  }
  if (!(await isSlackAdmin(deps, client, ctx.userId))) {
    await tellUser(deps, client, ctx.audience, NOT_ADMIN_TEXT);
    return;
  }
  await deps.services.channels.setDesignReview(
    { platform: 'slack', workspaceId: ctx.workspaceId, channelId: ctx.channel },
    on,
    keywords,
    ctx.userId,
  );
  deps.logger.info({ channel: ctx.channel, on, userId: ctx.userId }, 'design-review setting changed');
  const words = (keywords ?? DEFAULT_DESIGN_KEYWORDS).join(', ');
  await tellUser(
    deps,
    client,
    ctx.audience,
    on
      ? `Design-review mode is on here. New top-level messages mentioning ${words} get a "Start compute review" offer. Make sure I'm a member of this channel.`
      : 'Design-review mode is off here.',
  );
}

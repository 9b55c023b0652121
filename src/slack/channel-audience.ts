import type { SlackClient, SlackDeps } from './slack-deps.js';
import { callSlack } from './slack-post.js';

/** How long an answer about a channel is kept: a channel rarely turns private, and a digest is weekly. */
const TTL_MS = 10 * 60_000;
const MAX_CHANNELS = 1000;

/**
 * Who can see a Slack conversation besides its members: 'workspace' for a public channel of this workspace, null for
 * anything else (a DM, a group DM, a private or externally shared channel), and null when Slack cannot say
 * (conversations.info with only channels:read answers for public channels alone, so a private one fails closed).
 */
export class ChannelAudiences {
  private readonly known = new Map<string, { audience: string | null; at: number }>();

  async of(deps: SlackDeps, client: SlackClient, channel: string): Promise<string | null> {
    const cached = this.known.get(channel);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.audience;
    const result = await callSlack(deps, 'conversations.info', { channel }, () => client.conversations.info({ channel }));
    const info = result.ok ? result.value.channel : undefined;
    const audience = info?.is_channel === true && info.is_private === false && info.is_ext_shared !== true ? 'workspace' : null;
    // a failed call is not remembered: the next turn asks again
    if (result.ok) {
      this.known.delete(channel);
      this.known.set(channel, { audience, at: Date.now() });
      if (this.known.size > MAX_CHANNELS) this.known.delete(this.known.keys().next().value as string);
    }
    return audience;
  }
}

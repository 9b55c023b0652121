import { isChannelId, isTs } from './slack-text.js';

/**
 * A link to a message without an API call: https://slack.com/archives/<channel>/p<ts without the dot>.
 * slack.com redirects it to the workspace. null when the parts are not Slack ids (never build links from user text).
 */
export function messagePermalink(channelId: string, ts: string | null | undefined): string | null {
  if (!isChannelId(channelId) || !isTs(ts)) return null;
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

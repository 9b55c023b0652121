/**
 * Slack ids we put into links and mentions. Only ids of the expected shape are used, so nothing a person typed can
 * reach a URL or a `<...>` token.
 */
const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CDG][A-Z0-9]{2,}$/;
const TS = /^\d{6,}\.\d{1,8}$/;

export function isSlackUserId(id: unknown): id is string {
  return typeof id === 'string' && USER_ID.test(id);
}

export function isSlackChannelId(id: unknown): id is string {
  return typeof id === 'string' && CHANNEL_ID.test(id);
}

/** A live mention of a user; only for ids Slack gave us (validated), never for user-typed text. */
export function slackMention(userId: string): string {
  return isSlackUserId(userId) ? `<@${userId}>` : 'someone';
}

export function isSlackTs(ts: unknown): ts is string {
  return typeof ts === 'string' && TS.test(ts);
}

/**
 * A link to a message without an API call: https://slack.com/archives/<channel>/p<ts without the dot>, which
 * slack.com redirects into the workspace. null when the parts are not Slack ids.
 */
export function slackPermalink(channelId: unknown, ts: unknown): string | null {
  if (!isSlackChannelId(channelId) || !isSlackTs(ts)) return null;
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

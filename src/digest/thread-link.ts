import type { Platform } from '../storage/review-repository.js';

const SLACK_CHANNEL = /^[CGD][A-Z0-9]{2,}$/;
const SLACK_TS = /^\d{1,12}\.\d{1,8}$/;

/** True for a Slack channel id we can safely put inside `<#...>` or a URL. */
export function isSlackChannelId(id: string): boolean {
  return SLACK_CHANNEL.test(id);
}

/**
 * A link to a review's thread. Slack: https://slack.com/archives/<channel>/p<ts without the dot>, which Slack
 * redirects into the workspace. Teams: none (a message deep link needs the team's group id, which we do not store).
 * Only ids of the expected shape are used, so nothing user-typed can reach the URL.
 */
export function threadLink(platform: Platform, channelId: string, threadRef: string | null): string | null {
  if (platform !== 'slack' || threadRef === null) return null;
  if (!SLACK_CHANNEL.test(channelId) || !SLACK_TS.test(threadRef)) return null;
  return `https://slack.com/archives/${channelId}/p${threadRef.replace('.', '')}`;
}

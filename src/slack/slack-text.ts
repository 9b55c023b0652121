import { normalizeWorkloadName } from '../core/workload-name.js';
/** Reading what Slack sends: message text arrives with `&`, `<`, `>` entity-encoded and mentions as `<@U…>`. */

export {
  isSlackChannelId as isChannelId,
  isSlackTs as isTs,
  isSlackUserId as isUserId,
  slackMention as mention,
} from '../render/slack-ids.js';

/** Undoes Slack's three entities, giving the text as the person typed it (mention tokens stay as they are). */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Removes every mention of the bot (`<@UBOT>` or `<@UBOT|name>`). */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.trim();
  const escaped = botUserId.replace(/[^A-Z0-9]/g, '');
  return text
    .replace(new RegExp(`<@${escaped}(?:\\|[^>]*)?>`, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function mentionsUser(text: string, userId: string | undefined): boolean {
  return Boolean(userId) && text.includes(`<@${userId}`);
}

/** The user ids mentioned in text, in order, without duplicates. */
export function mentionedUserIds(text: string): string[] {
  const ids = [...text.matchAll(/<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>/g)].map((m) => m[1] as string);
  return [...new Set(ids)];
}

/** A verb followed by nothing but mentions (`<@U…>`), separated by spaces, commas or "and". */
function verbThenMentions(verb: string): RegExp {
  return new RegExp(String.raw`^\s*${verb}\s+((?:<@[UW][A-Z0-9]{2,}(?:\|[^>]*)?>[\s,]*(?:and\s+)?)+)$`, 'i');
}

const ADD_REQUEST = verbThenMentions('add');
const SIGN_OFF_REQUEST = verbThenMentions('sign-?off');

/** A thread reply asking to add people: `add @alice @bob` (mentions arrive as `<@U…>`). */
export function parseAddRequest(text: string): string[] | null {
  const match = ADD_REQUEST.exec(text);
  return match ? mentionedUserIds(match[1] as string) : null;
}

/** A thread reply naming approvers: `signoff @alice @bob` (or `sign-off`). */
export function parseSignOffRequest(text: string): string[] | null {
  const match = SIGN_OFF_REQUEST.exec(text);
  return match ? mentionedUserIds(match[1] as string) : null;
}

/** A workload name from what someone typed; '' when nothing usable is left. */
export function workloadNameFrom(text: string): string {
  return normalizeWorkloadName(text);
}

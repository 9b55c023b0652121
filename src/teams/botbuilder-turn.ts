import { TeamsInfo, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../render/adaptive-card-types.js';
import type { Outbox, PostResult, TurnFacts } from '../conversation/index.js';
import type { Logger } from '../logger.js';
import type { OutgoingMessage, TeamsInbound } from './teams-message.js';

/**
 * The only translation between botbuilder's TurnContext/Activity and the SDK-neutral TeamsInbound/TeamsOutbox.
 * A move to the Microsoft 365 Agents SDK rewrites this file and teams-bot.ts; the interview stays.
 */

const MESSAGE_ID = ';messageid=';

interface TeamsChannelData {
  tenant?: { id?: string };
  channel?: { id?: string; type?: string };
  team?: { id?: string };
}

function conversationTypeOf(activity: Partial<Activity>): TeamsInbound['conversationType'] {
  const type = activity.conversation?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/**
 * Where the review lives. In a channel the reply chain is `<channel conversation>;messageid=<root id>`; a new
 * root post arrives without the suffix, and its own id is the root.
 */
export function teamsPlace(
  activity: Partial<Activity>,
): Pick<TeamsInbound, 'channelId' | 'threadRef' | 'conversationType' | 'tenantId' | 'teamId' | 'audience'> {
  const conversationId = activity.conversation?.id ?? '';
  const base = conversationId.split(MESSAGE_ID)[0] ?? conversationId;
  const conversationType = conversationTypeOf(activity);
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const tenantId = channelData.tenant?.id ?? activity.conversation?.tenantId ?? '';
  if (conversationType !== 'channel') {
    return { channelId: conversationId, threadRef: conversationId, conversationType, tenantId, audience: null };
  }
  const threadRef = conversationId.includes(MESSAGE_ID) || !activity.id ? conversationId : `${conversationId}${MESSAGE_ID}${activity.id}`;
  const teamId = channelData.team?.id;
  // a standard channel is open to its whole team; a private or shared one is not (no type: bots predate the others)
  const standard = channelData.channel?.type === undefined || channelData.channel.type === 'standard';
  return {
    channelId: channelData.channel?.id ?? base,
    threadRef,
    conversationType,
    tenantId,
    ...(teamId ? { teamId } : {}),
    audience: teamId && standard ? `team:${teamId}` : null,
  };
}

/**
 * What Teams can tell about a turn. An admin is someone on ADMIN_USER_IDS (by Teams id or Entra object id), or in a
 * team channel an owner of the team as the roster reports them; a roster call that fails means no.
 */
export function teamsFacts(context: TurnContext, inbound: TeamsInbound, adminUserIds: ReadonlySet<string>, logger: Logger): TurnFacts {
  return {
    async actorIsAdmin() {
      if (adminUserIds.has(inbound.fromId) || (inbound.fromAadObjectId !== undefined && adminUserIds.has(inbound.fromAadObjectId)))
        return true;
      if (!inbound.teamId) return false;
      try {
        const member = await TeamsInfo.getTeamMember(context, inbound.teamId, inbound.fromId);
        return member?.userRole?.toLowerCase() === 'owner';
      } catch (error) {
        logger.warn({ err: error, teamId: inbound.teamId }, 'Teams roster lookup failed: not treated as an owner');
        return false;
      }
    },
    audience: async () => inbound.audience,
  };
}

/** A ConversationReference into the reply chain (not the channel's top level), as plain JSON for the database. */
export function storableReference(activity: Partial<Activity>, threadRef: string): Record<string, unknown> {
  const ref = TurnContext.getConversationReference(activity);
  const withThread: Partial<ConversationReference> = { ...ref, conversation: { ...ref.conversation!, id: threadRef } };
  return JSON.parse(JSON.stringify(withThread)) as Record<string, unknown>;
}

export function toInbound(activity: Activity): TeamsInbound {
  const place = teamsPlace(activity);
  // removeRecipientMention edits activity.text: work on a copy
  const text = activity.text ? (TurnContext.removeRecipientMention({ ...activity }) ?? activity.text) : '';
  const botId = activity.recipient?.id;
  const mentions = TurnContext.getMentions(activity)
    .filter((m) => m.mentioned?.id && m.mentioned.id !== botId)
    .map((m) => ({ id: m.mentioned.id, name: m.mentioned.name ?? '' }));
  const value =
    activity.value && typeof activity.value === 'object' && !Array.isArray(activity.value)
      ? (activity.value as Record<string, unknown>)
      : undefined;
  return {
    id: activity.id ?? '',
    text: text.trim(),
    ...(value ? { value } : {}),
    // from.id (29:…), not aadObjectId: @mentions carry the same kind of id, so `add @person` matches their answers
    fromId: activity.from?.id ?? '',
    fromName: activity.from?.name ?? 'someone',
    ...(activity.from?.aadObjectId ? { fromAadObjectId: activity.from.aadObjectId } : {}),
    ...place,
    ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
    conversationRef: storableReference(activity, place.threadRef),
    mentions,
  };
}

/**
 * Teams renders HTML in a message's text (`<img>`, `<a>`, `<b>`): every text line is sent with `<`, `>` and `&` as
 * entities, so text that quotes a person (a digest reply naming what they typed) shows as typed and never as markup.
 */
function teamsTextOf(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toActivity(message: OutgoingMessage): Partial<Activity> {
  const activity: Partial<Activity> = { type: 'message' };
  if (message.text) activity.text = teamsTextOf(message.text);
  if (message.card) {
    activity.attachments = [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: message.card }];
    if (!message.text && message.card.fallbackText) activity.summary = message.card.fallbackText;
  }
  return activity;
}

/** Why a send failed, as a short code: the HTTP status botbuilder's pipeline reports, or the error's code. */
function teamsErrorCode(error: unknown): string {
  const e = error as { statusCode?: unknown; code?: unknown };
  if (typeof e?.statusCode === 'number') return `http_${e.statusCode}`;
  return typeof e?.code === 'string' ? e.code : 'unknown_error';
}

/** The conversation's outbox for one turn: replies in the turn's conversation (the review's reply chain). */
export function outboxFor(context: TurnContext, logger: Logger): Outbox<OutgoingMessage> {
  const post = async (message: OutgoingMessage): Promise<PostResult> => {
    try {
      const response = await context.sendActivity(toActivity(message));
      return { ok: true, ref: response?.id };
    } catch (error) {
      // botbuilder has retried already; the conversation tells the person what failed
      logger.warn({ err: error, conversationId: context.activity?.conversation?.id }, 'Teams post failed');
      return { ok: false, code: teamsErrorCode(error) };
    }
  };
  return {
    tellsPrivately: false,
    post,
    async update(_review, activityId, message) {
      try {
        await context.updateActivity({ ...toActivity(message), id: activityId });
        return true;
      } catch (error) {
        // The answer is stored; a card that could not be updated is cosmetic, and a second click on it is stale.
        logger.warn({ err: error, activityId }, 'teams card update failed');
        return false;
      }
    },
    async tell(message) {
      await post(message);
    },
  };
}

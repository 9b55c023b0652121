/** Payloads shaped like the ones Slack sends (only the fields Bolt and our listeners read, plus the usual extras). */

export const TEAM_ID = 'T0TEST';
export const BOT_USER_ID = 'UBOTUSER';
export const BOT_ID = 'BBOTID';
export const APP_ID = 'A0TEST';

let counter = 0;
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).toUpperCase()}${counter}`;
}

/** Channel ids look like Slack's: C + uppercase alphanumerics. */
export function newChannelId(): string {
  return uniqueId('C');
}

export function slashCommand(input: {
  text: string;
  user: string;
  channel: string;
  channelName?: string;
  responseUrl: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'example',
    channel_id: input.channel,
    channel_name: input.channelName ?? (input.channel.startsWith('D') ? 'directmessage' : 'design-reviews'),
    user_id: input.user,
    user_name: input.user.toLowerCase(),
    command: '/compute-advice',
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: uniqueId('trigger.'),
  };
}

export interface ClickInput {
  user: string;
  channel: string;
  messageTs: string;
  threadTs?: string | undefined;
  responseUrl: string;
  action: Record<string, unknown>;
  actionTs?: string;
}

export function blockActions(input: ClickInput): Record<string, unknown> {
  const actionTs = input.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channel,
      is_ephemeral: false,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    trigger_id: uniqueId('trigger.'),
    team: { id: TEAM_ID, domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel, name: 'design-reviews' },
    message: {
      type: 'message',
      user: BOT_USER_ID,
      ts: input.messageTs,
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      text: '',
    },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [{ ...input.action, action_ts: actionTs }],
  };
}

export function eventEnvelope(event: Record<string, unknown>, eventId = uniqueId('Ev')): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: uniqueId('4-ctx'),
  };
}

let tsCounter = 0;
/** A message ts in a range the fake Web API never hands out. */
export function userTs(): string {
  tsCounter += 1;
  return `1800000000.${String(tsCounter).padStart(6, '0')}`;
}

export function messageEvent(input: {
  user?: string;
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
  channelType?: 'channel' | 'group' | 'im';
  botId?: string;
  subtype?: string;
}): Record<string, unknown> {
  const ts = input.ts ?? userTs();
  return {
    type: 'message',
    ...(input.subtype ? { subtype: input.subtype } : {}),
    ...(input.user ? { user: input.user } : {}),
    ...(input.botId ? { bot_id: input.botId, bot_profile: { id: input.botId, name: 'other-bot' } } : {}),
    text: input.text,
    ts,
    ...(input.threadTs ? { thread_ts: input.threadTs, parent_user_id: 'UPARENT' } : {}),
    team: TEAM_ID,
    channel: input.channel,
    event_ts: ts,
    channel_type: input.channelType ?? (input.channel.startsWith('D') ? 'im' : 'channel'),
  };
}

export function appMentionEvent(input: {
  user: string;
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
}): Record<string, unknown> {
  const ts = input.ts ?? userTs();
  return {
    type: 'app_mention',
    user: input.user,
    text: input.text,
    ts,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    team: TEAM_ID,
    channel: input.channel,
    event_ts: ts,
  };
}

export function appHomeOpenedEvent(user: string): Record<string, unknown> {
  return { type: 'app_home_opened', user, channel: uniqueId('D'), tab: 'home', event_ts: userTs() };
}

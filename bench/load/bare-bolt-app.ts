import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockAction, type RespondFn, type webApi } from '@slack/bolt';
import { LOAD_BOT_TOKEN, LOAD_SIGNING_SECRET, type StartedApp } from './app-kinds.js';

/**
 * The Slack baseline: the idiomatic minimal Bolt app (auth.test at start, default logger), one post per request.
 * It then also updates the answered message as ours does (the clicked one through the click's response_url, or its own
 * last post in the thread with chat.update for a reply), so both make the same calls per answer.
 */
export async function startBareBolt(apiUrl: string): Promise<StartedApp> {
  const lastPostInThread = new Map<string, string>();
  const app = new App({ token: LOAD_BOT_TOKEN, signingSecret: LOAD_SIGNING_SECRET, clientOptions: { slackApiUrl: apiUrl } });
  async function postThenUpdate(
    client: webApi.WebClient,
    channel: string,
    threadTs: string,
    answered: string | undefined,
    respond?: RespondFn,
  ): Promise<void> {
    const posted = await client.chat.postMessage({ channel, thread_ts: threadTs, text: 'ok' });
    if (respond) await respond({ replace_original: true, text: 'answered' });
    else if (answered) await client.chat.update({ channel, ts: answered, text: 'answered' });
    if (posted.ts) lastPostInThread.set(threadTs, posted.ts);
  }
  app.command(/.*/, async ({ ack, command, client }) => {
    await ack();
    await client.chat.postMessage({ channel: command.channel_id, text: 'ok' });
  });
  app.action(/.*/, async ({ ack, body, client, respond }) => {
    await ack();
    const action = body as BlockAction;
    const channel = action.channel?.id ?? action.container.channel_id;
    await postThenUpdate(client, channel, action.container.thread_ts ?? action.container.message_ts, action.container.message_ts, respond);
  });
  app.event('message', async ({ event, client }) => {
    const message = event as { channel: string; ts: string; thread_ts?: string };
    const threadTs = message.thread_ts ?? message.ts;
    await postThenUpdate(client, message.channel, threadTs, lastPostInThread.get(threadTs));
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { slackPort: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) };
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockAction } from '@slack/bolt';
import { LOAD_BOT_TOKEN, LOAD_SIGNING_SECRET, type StartedApp } from './app-kinds.js';

/** The Slack baseline: the idiomatic minimal Bolt app (auth.test at start, default logger), one post per request. */
export async function startBareBolt(apiUrl: string): Promise<StartedApp> {
  const app = new App({ token: LOAD_BOT_TOKEN, signingSecret: LOAD_SIGNING_SECRET, clientOptions: { slackApiUrl: apiUrl } });
  app.command(/.*/, async ({ ack, command, client }) => {
    await ack();
    await client.chat.postMessage({ channel: command.channel_id, text: 'ok' });
  });
  app.action(/.*/, async ({ ack, body, client }) => {
    await ack();
    const action = body as BlockAction;
    const channel = action.channel?.id ?? action.container.channel_id;
    await client.chat.postMessage({ channel, thread_ts: action.container.thread_ts ?? action.container.message_ts, text: 'ok' });
  });
  app.event('message', async ({ event, client }) => {
    const message = event as { channel: string; ts: string; thread_ts?: string };
    await client.chat.postMessage({ channel: message.channel, thread_ts: message.thread_ts ?? message.ts, text: 'ok' });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { slackPort: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) };
}

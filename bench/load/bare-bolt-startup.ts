/**
 * The start-up baseline: the smallest idiomatic Bolt app in HTTP mode, configured from the same environment variables
 * as src/main.ts (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, PORT, HOST). Bolt calls auth.test itself.
 */
import { App } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET as string,
  ...(process.env.SLACK_API_URL ? { clientOptions: { slackApiUrl: process.env.SLACK_API_URL } } : {}),
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
await app.start({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
process.on('SIGTERM', () => void app.stop().finally(() => process.exit(0)));

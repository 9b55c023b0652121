import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { sendJsonError } from '../../src/http/json-body.js';
import { expressLikeResponse, readJsonBody } from '../../src/teams/http-body.js';
import type { StartedApp } from './app-kinds.js';

/**
 * The Teams baseline: a botbuilder CloudAdapter + ActivityHandler echo bot on node:http (as bench/teams-bench.ts).
 * It then also updates the activity a card submit came from (replyToId), as ours updates the answered question, so both
 * make the same connector calls per answer.
 */
export async function startBareBot(): Promise<StartedApp> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    const answered = context.activity.replyToId;
    if (answered) await context.updateActivity({ type: 'message', id: answered, text: 'answered' });
    await next();
  });
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJsonBody(req);
      if (!body.ok) return sendJsonError(res, body.status, body.message);
      await adapter.process(
        { body: body.body, headers: req.headers as Record<string, string>, method: req.method },
        expressLikeResponse(res),
        (ctx) => bot.run(ctx),
      );
    })();
  });
  server.keepAliveTimeout = 65_000; // as startTeamsServer
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    teamsPort: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

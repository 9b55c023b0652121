import { createServices } from '../../src/app/services.js';
import type { ProactiveOutbox } from '../../src/conversation/index.js';
import { createDigestScheduler } from '../../src/digest/index.js';
import { createLogger } from '../../src/logger.js';
import type { Platform } from '../../src/storage/index.js';
import { LOAD_BOT_TOKEN, LOAD_SIGNING_SECRET, type StartedApp, type Stop } from './app-kinds.js';

/**
 * compute-advice, composed as src/main.ts composes it (see app-under-test.ts for why not main.ts itself): each
 * platform's modules are imported only when that platform is served, as main.ts does.
 */
export async function startOurs(platforms: string, apiUrl: string, databasePath: string): Promise<StartedApp> {
  const logger = createLogger({ level: 'info' });
  const services = await createServices({ databasePath });
  const outboxes: Partial<Record<Platform, ProactiveOutbox>> = {};
  const stops: Stop[] = [];
  let slackPort: number | null = null;
  let teamsPort: number | null = null;
  if (platforms !== 'teams') {
    const { createSlackApp } = await import('../../src/slack/index.js');
    const slack = createSlackApp({
      config: { botToken: LOAD_BOT_TOKEN, signingSecret: LOAD_SIGNING_SECRET, apiUrl },
      services,
      logger,
      host: '127.0.0.1',
    });
    outboxes.slack = slack.proactive;
    slackPort = (await slack.start(0)).port;
    stops.push(() => slack.stop());
  }
  if (platforms !== 'slack') {
    const { createTeamsBot, startTeamsServer } = await import('../../src/teams/index.js');
    const teams = createTeamsBot({ config: undefined, services, logger });
    outboxes.teams = teams.proactive;
    const server = await startTeamsServer({ teams, port: 0, host: '127.0.0.1', logger });
    teamsPort = server.port;
    stops.push(() => server.close());
  }
  const scheduler = createDigestScheduler({ store: services.store, reviews: services.reviews, clock: services.clock, logger, outboxes });
  scheduler.start();
  stops.unshift(() => scheduler.stop());
  return {
    slackPort,
    teamsPort,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
      await services.close();
    },
  };
}

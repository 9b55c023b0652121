import { createServices } from '../../src/app/services.js';
import { createDigestScheduler, createDigestStore, digestPosters } from '../../src/digest/index.js';
import { createLogger } from '../../src/logger.js';
import { readBenchEnv } from '../bench-env.js';
import { LOAD_BOT_TOKEN, LOAD_SIGNING_SECRET, type StartedApp, type Stop } from './app-kinds.js';

/**
 * compute-advice, composed as src/main.ts composes it (see app-under-test.ts for why not main.ts itself): each
 * platform's modules are imported only when that platform is served, as main.ts does.
 */
export async function startOurs(platforms: string, apiUrl: string, databasePath: string): Promise<StartedApp> {
  const logger = createLogger({ level: readBenchEnv().LOAD_LOG_LEVEL });
  const services = createServices({ databasePath, backgroundCheckpoint: true });
  const digests = createDigestStore(services.db);
  const posters: Parameters<typeof digestPosters>[0] = {};
  const stops: Stop[] = [];
  let slackPort: number | null = null;
  let teamsPort: number | null = null;
  if (platforms !== 'teams') {
    const { createSlackApp } = await import('../../src/slack/index.js');
    const { webApi } = await import('@slack/bolt');
    const slack = createSlackApp({ config: { botToken: LOAD_BOT_TOKEN, signingSecret: LOAD_SIGNING_SECRET, apiUrl }, services, logger, host: '127.0.0.1', digests });
    posters.slack = new webApi.WebClient(LOAD_BOT_TOKEN, { slackApiUrl: apiUrl });
    slackPort = (await slack.start(0)).port;
    stops.push(() => slack.stop());
  }
  if (platforms !== 'slack') {
    const { createTeamsBot, startTeamsServer } = await import('../../src/teams/index.js');
    const teams = createTeamsBot({ config: undefined, services, logger, digests });
    posters.teams = (ref, card) => teams.sendProactive(ref, card);
    const server = await startTeamsServer({ teams, port: 0, host: '127.0.0.1', logger });
    teamsPort = server.port;
    stops.push(() => server.close());
  }
  const scheduler = createDigestScheduler({ store: services, clock: services.clock, logger, posters: digestPosters(posters) });
  scheduler.start();
  stops.unshift(() => scheduler.stop());
  return {
    slackPort,
    teamsPort,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
      services.close();
    },
  };
}

import { adrLinkSecret } from './app/adr-link-signer.js';
import { createServices } from './app/services.js';
import { databaseTarget, loadConfig } from './config.js';
import { describeTarget } from './storage/index.js';
import type { ProactiveOutbox } from './conversation/index.js';
import { ConfigError, userFacingLines } from './errors.js';
import { startHealthServer, storageHealthCheck } from './http/health.js';
import { createLogger, resolveLogFormat } from './logger.js';
import type { Platform } from './storage/index.js';

/**
 * The composition root: config → logger → database (migrated) → rules and prompts → chat adapters → digest scheduler.
 * Each chat SDK is loaded only when its platform is on (botbuilder for Teams and local mode, Bolt for Slack).
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { server: true });
  const logger = createLogger({
    level: config.env.LOG_LEVEL,
    format: resolveLogFormat(config.env.LOG_FORMAT, config.localMode, process.stdout.isTTY === true),
  });
  const reminderAfterHours = config.env.REMINDER_AFTER_HOURS;
  const database = databaseTarget(config.env);
  // the local playground learns its address once it listens; elsewhere PUBLIC_URL is the only source
  let publicUrl = config.env.PUBLIC_URL;
  const services = await createServices({
    database,
    stalledAfterMs: reminderAfterHours * 3_600_000,
    lensPaths: config.env.LENS_PATHS,
    adrLinks: {
      secret: adrLinkSecret({
        linkSecret: config.env.ADR_LINK_SECRET,
        platformSecrets: [config.env.SLACK_SIGNING_SECRET, config.env.MicrosoftAppPassword],
      }),
      ttlMs: config.env.ADR_LINK_DAYS * 86_400_000,
      publicUrl: () => publicUrl,
    },
  });
  if (!publicUrl && !config.localMode) logger.warn('PUBLIC_URL is not set: "Export ADR" cannot give links, and says so');
  logger.info({ engine: database.engine, database: describeTarget(database) }, 'database ready');
  // Which lens text shapes the advice is worth finding in the logs when a recommendation surprises someone.
  if (services.reviews.lenses.length > 0)
    logger.info({ rulesVersion: services.content.ruleSet.rulesVersion }, 'organisation lenses applied');
  const stops: Array<() => Promise<void>> = [];
  // The routes only: the API itself loads on its first request.
  const { adrLinkBoltRoutes, apiBoltRoutes, withAdrLinks, withApiRoutes } = await import('./api/mount.js');
  const { BearerTokens } = await import('./api/bearer-tokens.js');
  const { createAdrLinkHandler } = await import('./api/adr-link-handler.js');
  const { lazyApiHandler } = await import('./api/lazy-api-handler.js');
  const { packageVersion } = await import('./cli/package-version.js');
  const api = lazyApiHandler({
    records: services.records,
    content: services.content,
    tokens: new BearerTokens(config.env.API_TOKENS),
    version: packageVersion(),
    logger,
  });
  // The read API rides on the server the bot already runs: Teams' (or the playground's), else Slack's HTTP receiver.
  const apiOnSlack = !config.teams && !config.localMode;
  if (config.env.API_TOKENS.length > 0 && apiOnSlack && config.slack?.appToken) {
    logger.warn('API_TOKENS is set but Slack runs over Socket Mode alone: there is no HTTP server for the read API');
  }
  // Signed ADR links ride on every HTTP server the bot runs, so PUBLIC_URL may point at any of them.
  const adrLinks = createAdrLinkHandler({ adrExports: services.adrExports, logger });
  const outboxes: Partial<Record<Platform, ProactiveOutbox>> = {};

  if (config.slack) {
    const { createSlackApp } = await import('./slack/index.js');
    const slackPort = config.env.SLACK_PORT ?? (config.teams ? 3000 : config.env.PORT);
    const slack = createSlackApp({
      config: config.slack,
      services,
      logger,
      adminUserIds: config.env.ADMIN_USER_IDS,
      port: slackPort,
      host: config.env.HOST,
      health: storageHealthCheck(services),
      customRoutes: [...adrLinkBoltRoutes(adrLinks), ...(apiOnSlack ? apiBoltRoutes(api) : [])],
    });
    outboxes.slack = slack.proactive;
    const started = await listening(
      () => slack.start(slackPort),
      config.env.HOST,
      slackPort,
      config.env.SLACK_PORT ? 'SLACK_PORT' : 'PORT',
    );
    logger.info(
      { mode: slack.mode, port: started.port },
      slack.mode === 'socket'
        ? 'Slack connected over Socket Mode'
        : `Slack listening on http://${config.env.HOST}:${started.port}/slack/events`,
    );
    stops.push(() => slack.stop());
    if (slack.mode === 'socket' && !config.teams) {
      // Socket Mode opens no port of its own: GET /healthz still answers on PORT for the orchestrator
      const health = await startHealthServer({
        host: config.env.HOST,
        port: config.env.PORT,
        check: storageHealthCheck(services),
        fallback: withAdrLinks(adrLinks),
      });
      logger.info({ port: health.port }, `health check on http://${config.env.HOST}:${health.port}/healthz`);
      stops.push(() => health.close());
    }
  }

  if (config.teams || config.localMode) {
    const { createTeamsBot, startTeamsServer } = await import('./teams/index.js');
    const teams = createTeamsBot({
      config: config.teams,
      services,
      logger,
      localMode: config.localMode,
      adminUserIds: config.env.ADMIN_USER_IDS,
    });
    outboxes.teams = teams.proactive;
    // Local mode serves the playground pages beside /api/messages.
    const playground = config.localMode ? (await import('./playground/index.js')).createPlaygroundHandler({ services, logger }) : undefined;
    const server = await listening(
      () =>
        startTeamsServer({
          teams,
          port: config.env.PORT,
          host: config.env.HOST,
          logger,
          fallback: withAdrLinks(adrLinks, withApiRoutes(api, playground)),
        }),
      config.env.HOST,
      config.env.PORT,
      'PORT',
    );
    stops.push(() => server.close());
    if (config.localMode) {
      publicUrl ??= server.url;
      logger.info('No Slack or Teams credentials: local mode');
      process.stdout.write(`\ncompute-advice is running locally: open ${server.url}/ (database ${describeTarget(database)})\n\n`);
    } else {
      logger.info(`Teams listening on ${server.url}/api/messages`);
    }
  }

  const { createDigestScheduler } = await import('./digest/index.js');
  const scheduler = createDigestScheduler({
    store: services.store,
    reviews: services.reviews,
    clock: services.clock,
    logger,
    outboxes,
    reminderAfterHours,
    signOffReminderHours: config.env.SIGNOFF_REMINDER_HOURS,
    expireAfterDays: config.env.EXPIRE_AFTER_DAYS,
    lenses: services.reviews.lenses,
  });
  scheduler.start();
  stops.unshift(() => scheduler.stop());

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => logger.error({ err }, 'stop failed'));
    await services.close().catch((err: unknown) => logger.error({ err }, 'closing the database failed'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** A server that cannot listen is a configuration problem: one line naming HOST and the port variable, no stack. */
async function listening<T>(start: () => Promise<T>, host: string, port: number, portVariable: string): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !/^(EADDRINUSE|EADDRNOTAVAIL|EACCES|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EINVAL)$/.test(code)) throw error;
    if (code === 'EADDRINUSE') {
      throw new ConfigError([
        `${portVariable} ${port} is in use on ${host}: stop what holds it, or start on another port, e.g. ${portVariable}=${port + 1} npm start`,
      ]);
    }
    throw new ConfigError([`HOST ${host}, ${portVariable} ${port}: cannot listen there (${code})`]);
  }
}

main().catch((error: unknown) => {
  // A person fixes these (configuration, rules or prompts, migrations): one line each, no stack trace.
  const lines = userFacingLines(error);
  if (lines) {
    process.stderr.write(lines.map((line) => `compute-advice: ${line}\n`).join(''));
    process.exit(2);
  }
  process.stderr.write(`compute-advice failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import type { Server } from 'node:http';
import { SHUTDOWN_DEADLINE_MS } from '../inbox/inbox-runner.js';
import type { AddressInfo } from 'node:net';
import type { CustomRoute, webApi } from '@slack/bolt';
import { App, HTTPReceiver, WebClient } from './bolt.js';
import type { AppServices } from '../app/services.js';
import { Conversation, type ProactiveOutbox } from '../conversation/index.js';
import { renderDigestBlocks } from '../digest/digest-blocks.js';
import { ProactiveTargetError } from '../errors.js';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { registerReviewActions } from './actions/review-actions.js';
import { registerSignOffActions } from './actions/signoff-actions.js';
import { registerStartReviewAction } from './actions/start-review-action.js';
import { boltLoggerFor } from './bolt-logger.js';
import { ChannelAudiences } from './channel-audience.js';
import { registerComputeAdviceCommand } from './commands/compute-advice-command.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerAppMention } from './events/app-mention.js';
import { registerMessageEvents } from './events/message-event.js';
import { HEALTH_PATH, type HealthCheck, sendHealth } from '../http/health.js';
import { keepAliveFetchWithin } from './keep-alive-fetch.js';
import { RESPOND_TIMEOUT_MS } from './slack-post.js';
import type { SlackDeps } from './slack-deps.js';
import { slackRenderer, type SlackMessage } from './slack-renderer.js';
import { installSlackInbox, SIGNED_AT, type SlackInboxOptions } from './slack-inbox.js';
import { registerSignOffSubmissions } from './views/signoff-submissions.js';

/** Where the HTTP receiver listens (Events API, interactivity and the slash command all post here). */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Retries for interactive replies: a few quick ones, so a person hears about a failure within a minute rather than
 * after the SDK default of ten retries over half an hour. 429s are not retried by the SDK (rejectRateLimitedCalls):
 * callSlack waits out a short Retry-After for that call alone and postpones the work past a long one.
 */
export const INTERACTIVE_RETRY_CONFIG: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 10_000,
  randomize: true,
};

export interface CreateSlackAppOptions {
  config: SlackConfig;
  services: AppServices;
  logger: Logger;
  /** ADMIN_USER_IDS: may change channel settings besides workspace admins and owners. */
  adminUserIds?: readonly string[];
  /** With botId and botUserId known, auth.test is never called (tests); otherwise it runs once in start(). */
  botId?: string;
  botUserId?: string;
  /** HTTP mode: what GET /healthz reports (default: always ok). */
  health?: HealthCheck;
  /** HTTP mode: the port start() uses when given none. */
  port?: number;
  /** HTTP mode: the interface to listen on (default: all). */
  host?: string;
  /** How many commands/actions are worked on at once after their acks (default 8); the rest wait their turn. */
  workConcurrency?: number;
  /** The inbox's lease and sweep timings and bounds (tests shorten them). */
  inbox?: SlackInboxOptions;
  /** How long stop() waits for work in hand before leaving it in the inbox for the next start (default 10 s). */
  shutdownDeadlineMs?: number;
  /** HTTP mode: more routes on the receiver's server beside /slack/events (the read API when Slack runs alone). */
  customRoutes?: CustomRoute[];
  /** Merged over the defaults (slackApiUrl from config.apiUrl, INTERACTIVE_RETRY_CONFIG, keepAliveFetch, the pino logger). */
  clientOptions?: webApi.WebClientOptions;
}

export interface SlackAppHandle {
  app: App;
  mode: 'socket' | 'http';
  /** Socket Mode: connects. HTTP: listens on `port` (0 picks a free one) and returns the port it got. */
  start(port?: number): Promise<{ port: number | null }>;
  /**
   * Stops receiving, then waits for listener work in hand up to the shutdown deadline; what is left stays in the inbox
   * for the next start. The database can be closed after.
   */
  stop(): Promise<void>;
  /** Resolves when no listener work is running (tests wait on this instead of sleeping). */
  whenIdle(): Promise<void>;
  /** Digests and reminders, on a Web API client of their own: @slack/web-api pauses a client's whole queue on a 429. */
  proactive: ProactiveOutbox;
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The Slack adapter: a Bolt app whose listeners turn Slack payloads into ReviewService calls. */
export function createSlackApp(options: CreateSlackAppOptions): SlackAppHandle {
  const { config, services, logger } = options;
  const log = logger.child({ component: 'slack' });
  const boltLogger = boltLoggerFor(logger);
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret)
    throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
  const knowsBot = Boolean(options.botId && options.botUserId);

  const clientOptions: webApi.WebClientOptions = {
    retryConfig: INTERACTIVE_RETRY_CONFIG,
    // the SDK would pause the client's whole queue for Retry-After, however long: every post waits behind one 429
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    // measured: 0.74x the CPU per request of the global fetch (undici) under load. Bolt's respond() uses it too, with
    // no signal: the deadline aborts a response_url that never answers and closes its socket
    fetch: keepAliveFetchWithin(RESPOND_TIMEOUT_MS),
    ...(config.apiUrl ? { slackApiUrl: withTrailingSlash(config.apiUrl) } : {}),
    ...options.clientOptions,
    logger: boltLogger,
  };

  const app = new App({
    token: config.botToken,
    ...(options.botId ? { botId: options.botId } : {}),
    ...(options.botUserId ? { botUserId: options.botUserId } : {}),
    // auth.test runs once in start() (app.init) when the bot ids are not given, never in the constructor
    deferInitialization: true,
    tokenVerificationEnabled: !knowsBot,
    logger: boltLogger,
    clientOptions,
    convoStore: false,
    ignoreSelf: true,
    ...(socketMode
      ? { socketMode: true, appToken: config.appToken as string }
      : {
          receiver: new HTTPReceiver({
            signingSecret: config.signingSecret as string,
            endpoints: SLACK_EVENTS_PATH,
            processBeforeResponse: false,
            logger: boltLogger,
            // Bolt refuses signatures older than five minutes but not ones from the future: the inbox checks this
            customPropertiesExtractor: (req) => ({ [SIGNED_AT]: Number(req.headers['x-slack-request-timestamp']) }),
            customRoutes: [
              { path: HEALTH_PATH, method: ['GET'], handler: (_req, res) => sendHealth(res, options.health) },
              ...(options.customRoutes ?? []),
            ],
          }),
        }),
  });

  const deps: SlackDeps = {
    services,
    conversation: new Conversation<SlackMessage>({ services, renderer: slackRenderer, logger: log }),
    logger: log,
    // its own request queue: see SlackDeps.updateClient
    updateClient: new WebClient(config.botToken, clientOptions),
    adminUserIds: new Set(options.adminUserIds ?? []),
    audiences: new ChannelAudiences(),
  };

  // every request is recorded before it is acknowledged, and worked on from the inbox (counted there for stop and tests)
  const inbox = installSlackInbox(app, services.inbox, log, { concurrency: options.workConcurrency ?? 8, ...options.inbox });
  registerComputeAdviceCommand(app, deps);
  registerReviewActions(app, deps);
  registerStartReviewAction(app, deps);
  registerSignOffActions(app, deps);
  registerSignOffSubmissions(app, deps);
  registerMessageEvents(app, deps);
  registerAppMention(app, deps);
  registerAppHomeOpened(app, deps);
  app.error(async (error) => {
    log.error({ err: error, code: (error as { code?: string }).code }, 'Slack listener failed');
  });

  const digestClient = new WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: withTrailingSlash(config.apiUrl) } : {}),
    logger: boltLogger,
  });
  const proactive: ProactiveOutbox = {
    async postDigest(subscription, view) {
      await digestClient.chat.postMessage({
        ...renderDigestBlocks(view),
        channel: subscription.channelId,
        unfurl_links: false,
        unfurl_media: false,
      });
    },
    async postReminder(review, notice) {
      if (!review.threadRef) throw new ProactiveTargetError(`review ${review.id} has no Slack thread to post a reminder in`);
      await digestClient.chat.postMessage({ ...notice.slack, channel: review.channelId, thread_ts: review.threadRef });
    },
  };

  let initialized = false;
  let started = false;
  return {
    app,
    mode: socketMode ? 'socket' : 'http',
    async start(port) {
      if (!initialized) {
        await app.init();
        initialized = true;
      }
      // what a stopped or crashed process left acknowledged but unfinished
      inbox.start();
      if (socketMode) {
        await app.start();
        started = true;
        log.info('Slack connected in Socket Mode');
        return { port: null };
      }
      const listenPort = port ?? options.port ?? 3000;
      const server = (await app.start(options.host ? { port: listenPort, host: options.host } : listenPort)) as Server;
      started = true;
      const address = server.address() as AddressInfo | null;
      const actual = address?.port ?? listenPort;
      log.info({ port: actual, path: SLACK_EVENTS_PATH }, 'Slack HTTP receiver listening');
      return { port: actual };
    },
    async stop() {
      if (started) {
        started = false;
        await app.stop();
      }
      await inbox.stop(options.shutdownDeadlineMs ?? SHUTDOWN_DEADLINE_MS);
    },
    whenIdle: async () => void (await inbox.idle()),
    proactive,
  };
}

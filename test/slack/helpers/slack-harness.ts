import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adrLinkBoltRoutes, createAdrLinkHandler } from '../../../src/api/index.js';
import type { Clock } from '../../../src/app/clock.js';
import { createServices, type Services } from '../../../src/app/services.js';
import { createLogger } from '../../../src/logger.js';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackAppHandle } from '../../../src/slack/index.js';
import type { SlackInboxOptions } from '../../../src/slack/slack-inbox.js';
import type { webApi } from '@slack/bolt';
import { FakeSlackApi } from '../../e2e/fake-slack-api.js';
import { SlackRequestSender } from '../../e2e/slack-signing.js';
import { BOT_ID, BOT_USER_ID } from './slack-payloads.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-0000000000-secret-token-value';

export interface SlackHarness {
  api: FakeSlackApi;
  send: SlackRequestSender;
  services: Services;
  slack: SlackAppHandle;
  dbPath: string;
  /** Every log line the app wrote (JSON), to prove no token reaches the log. */
  logs: string[];
  /** Closes the app and the database, then opens both again on the same file (a process restart). */
  restart(): Promise<void>;
  /**
   * A crash: the receiver stops and the database closes with the work in hand left as it is (not finished, not
   * released); a new app opens on the same file, with `inbox` for its inbox.
   */
  crash(inbox?: SlackInboxOptions): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  api?: FakeSlackApi;
  adminUserIds?: string[];
  clientOptions?: webApi.WebClientOptions;
  /** Organisation lens files, as LENS_PATHS gives them to the server. */
  lensPaths?: string[];
  inbox?: SlackInboxOptions;
  shutdownDeadlineMs?: number;
  /** PUBLIC_URL is the harness's own receiver (where ADR links are served, as in production); false: unset. */
  publicUrl?: boolean;
  /** The services' clock (default the system clock), to move stored times across weeks. */
  clock?: Clock;
}

/** The key ADR links are signed with in the harness. */
export const TEST_ADR_LINK_SECRET = Buffer.from('test-adr-link-secret-0123456789abcdef', 'utf8');

/** The real Bolt HTTP receiver on a free loopback port, a real SQLite file in a temp folder, a fake Web API. */
export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const ownsApi = !options.api;
  const api = options.api ?? (await new FakeSlackApi({ adminUserIds: ['UADMIN'], botUserId: BOT_USER_ID, botId: BOT_ID }).start());
  const dir = mkdtempSync(join(tmpdir(), 'compute-advice-slack-'));
  const dbPath = join(dir, 'reviews.db');
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });

  const open = async (inbox = options.inbox) => {
    let base: string | undefined;
    const services = await createServices({
      databasePath: dbPath,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.lensPaths ? { lensPaths: options.lensPaths } : {}),
      adrLinks: { secret: TEST_ADR_LINK_SECRET, publicUrl: () => (options.publicUrl ? base : undefined) },
    });
    const slack = createSlackApp({
      config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: api.apiUrl },
      services,
      logger,
      adminUserIds: options.adminUserIds ?? [],
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      host: '127.0.0.1',
      ...(inbox ? { inbox } : {}),
      ...(options.shutdownDeadlineMs === undefined ? {} : { shutdownDeadlineMs: options.shutdownDeadlineMs }),
      clientOptions: { retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 }, ...options.clientOptions },
      customRoutes: adrLinkBoltRoutes(createAdrLinkHandler({ adrExports: services.adrExports, logger })),
    });
    const { port } = await slack.start(0);
    base = `http://127.0.0.1:${port}`;
    return { services, slack, send: new SlackRequestSender(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, TEST_SIGNING_SECRET) };
  };

  let current = await open();
  const harness: SlackHarness = {
    api,
    get send() {
      return current.send;
    },
    get services() {
      return current.services;
    },
    get slack() {
      return current.slack;
    },
    dbPath,
    logs,
    async restart() {
      await current.slack.stop();
      await current.services.close();
      current = await open();
    },
    async crash(inbox) {
      await current.slack.app.stop();
      await current.services.close();
      current = await open(inbox);
    },
    async close() {
      await current.slack.stop();
      await current.services.close();
      if (ownsApi) await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

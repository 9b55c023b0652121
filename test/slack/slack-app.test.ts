import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { createLogger } from '../../src/logger.js';
import { createSlackApp, SLACK_EVENTS_PATH } from '../../src/slack/index.js';
import { FakeSlackApi } from '../e2e/fake-slack-api.js';
import { SlackRequestSender } from '../e2e/slack-signing.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './helpers/slack-harness.js';
import { appMentionEvent, eventEnvelope, newChannelId, TEAM_ID } from './helpers/slack-payloads.js';

let dir: string;
let services: Services;
let api: FakeSlackApi;
const logger = createLogger({ level: 'silent' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compute-advice-slack-app-'));
  services = await createServices({ databasePath: join(dir, 'db.sqlite') });
  api = await new FakeSlackApi({ botUserId: 'ULEARNED', botId: 'BLEARNED' }).start();
});
afterAll(async () => {
  await services.close();
  await api.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('createSlackApp', () => {
  it('needs a signing secret in HTTP mode', () => {
    expect(() => createSlackApp({ config: { botToken: TEST_BOT_TOKEN }, services, logger })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('chooses Socket Mode when an app token is set', () => {
    const handle = createSlackApp({
      config: { botToken: TEST_BOT_TOKEN, appToken: 'xapp-1-A1-1-abc' },
      services,
      logger,
      botId: 'B1',
      botUserId: 'U1',
    });
    expect(handle.mode).toBe('socket');
  });

  it('without bot ids, calls auth.test once at start and uses what it learned', async () => {
    const handle = createSlackApp({
      config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: api.apiUrl.replace(/\/$/, '') },
      services,
      logger,
      host: '127.0.0.1',
      clientOptions: { retryConfig: { retries: 0 } },
    });
    expect(handle.mode).toBe('http');
    const { port } = await handle.start(0);
    expect(port).toBeGreaterThan(0);
    expect(api.ok('auth.test')).toHaveLength(1);

    const send = new SlackRequestSender(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, TEST_SIGNING_SECRET);
    const channel = newChannelId();
    await send.event(eventEnvelope(appMentionEvent({ user: 'UZED', channel, text: '<@ULEARNED> learned-bot-service' })));
    await handle.whenIdle();
    const [review] = await services.store.reviews.listForUser('slack', TEAM_ID, 'UZED', 1);
    expect(review?.workloadName).toBe('learned-bot-service');
    expect(api.ok('auth.test')).toHaveLength(1);
    await handle.stop();
    await handle.stop();
  });
});

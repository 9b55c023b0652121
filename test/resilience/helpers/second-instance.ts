/**
 * A second app instance on another harness's database file and fake Web API: what two processes behind one load
 * balancer share. It satisfies SlackHarness, so the interview drivers work on it too.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServices } from '../../../src/app/services.js';
import { createLogger } from '../../../src/logger.js';
import { createSlackApp, SLACK_EVENTS_PATH } from '../../../src/slack/index.js';
import { SlackRequestSender } from '../../e2e/slack-signing.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SlackHarness } from '../../slack/helpers/slack-harness.js';
import { BOT_ID, BOT_USER_ID } from '../../slack/helpers/slack-payloads.js';

export async function startSecondInstance(first: SlackHarness): Promise<SlackHarness> {
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  const services = await createServices({ databasePath: first.dbPath });
  const slack = createSlackApp({
    config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: first.api.apiUrl },
    services,
    logger,
    botId: BOT_ID,
    botUserId: BOT_USER_ID,
    host: '127.0.0.1',
    clientOptions: { retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 } },
  });
  const { port } = await slack.start(0);
  const send = new SlackRequestSender(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, TEST_SIGNING_SECRET);
  const close = async () => {
    await slack.stop();
    await services.close();
  };
  return {
    api: first.api,
    send,
    services,
    slack,
    dbPath: first.dbPath,
    logs,
    restart: () => Promise.reject(new Error('the second instance does not restart')),
    crash: () => Promise.reject(new Error('the second instance does not crash')),
    close,
  };
}

export interface WriteLockHolder {
  /** Resolves when the other process has released the lock and exited. */
  released: Promise<void>;
}

/**
 * Another process takes SQLite's write lock (BEGIN IMMEDIATE, as a writer in the middle of a transaction does) and
 * holds it for holdMs. Resolves once the lock is held.
 */
export async function holdWriteLock(dbPath: string, holdMs: number): Promise<WriteLockHolder> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const script = `
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(dbPath)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}`))));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('error', reject);
    released.catch(reject);
  });
  return { released };
}

/**
 * Two app processes (the built server, as deployed) on one PostgreSQL database behind a pretend load balancer, with
 * the fake Slack Web API on loopback. A Slack interview's events and clicks alternate between the instances and each
 * one is delivered again to the other (Slack's retries, a double click landing elsewhere); one instance is SIGKILLed
 * mid-interview and started again. Exactly one answer per question, one card and no message posted twice. Then Teams:
 * two bots, each with its own HTTP endpoint and database pool (in this process) on one PostgreSQL database, turns
 * alternating between them and each delivered to both. Two schedulers at the digest minute posting one digest is in
 * test/digest/digest-scheduler.test.ts, which the postgres project runs on this server too.
 * Runs in the postgres vitest project only (it needs TEST_DATABASE_URL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { builtFile, REPO_ROOT } from '../helpers/built.js';
import { freshPostgresUrl } from '../helpers/test-database.js';
import { until } from '../resilience/helpers/slack-steps.js';
import { firstChoiceAction, typedAnswerFor } from '../slack/helpers/interview-driver.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../slack/helpers/slack-harness.js';
import { blockActions, eventEnvelope, messageEvent, newChannelId, slashCommand, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import { FakeSlackApi, type RecordedCall } from './fake-slack-api.js';
import { startFakeConnector } from './fake-connector.js';
import { ALEX, isRecommendationCard, latestQuestion, personalActivity, startHarness } from '../teams/helpers/teams-harness.js';
import { SlackRequestSender } from './slack-signing.js';

const USER = 'U0PGUSER';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  send: SlackRequestSender;
  output: string[];
}

let api: FakeSlackApi;
let databaseUrl: string;
let services: Services;
const running: Instance[] = [];

async function startInstance(name: string, port?: number): Promise<Instance> {
  const listenOn = port ?? (await freePort());
  const output: string[] = [];
  const child = spawn(process.execPath, [builtFile('src/main.js')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      HOST: '127.0.0.1',
      PORT: String(listenOn),
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const instance = {
    name,
    port: listenOn,
    child,
    send: new SlackRequestSender(`http://127.0.0.1:${listenOn}/slack/events`, TEST_SIGNING_SECRET),
    output,
  };
  running.push(instance);
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${output.join('')}`);
    const res = await fetch(`http://127.0.0.1:${listenOn}/healthz`).catch(() => undefined);
    return res?.status === 200;
  }, 20_000);
  return instance;
}

function stop(instance: Instance, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) return resolve();
    instance.child.once('exit', () => resolve());
    instance.child.kill(signal);
  });
}

beforeAll(async () => {
  api = await new FakeSlackApi().start();
  databaseUrl = await freshPostgresUrl();
  services = await createServices({ database: { engine: 'postgres', url: databaseUrl, poolSize: 2, statementTimeoutMs: 10_000 } });
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((i) => stop(i, 'SIGTERM')));
  await services?.close();
  await api?.stop();
}, 60_000);

/** Posts in the review's thread, by method; updates do not count. */
function threadPosts(channel: string, threadTs: string): RecordedCall[] {
  return api.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.status === 200 && c.params.channel === channel && c.params.thread_ts === threadTs,
  );
}

describe('two instances on one PostgreSQL database', () => {
  it('a Slack interview alternating between them, every delivery repeated on the other, one of them killed mid-way', async () => {
    let a = await startInstance('a');
    let b = await startInstance('b');
    const channel = newChannelId();
    const command = slashCommand({ text: 'payments-webhooks', user: USER, channel, responseUrl: api.responseUrl('start') });
    expect((await a.send.command(command)).status).toBe(200);
    await until(async () => (await services.store.reviews.listForUser('slack', TEAM_ID, USER, 1)).length === 1, 15_000);
    const review = (await services.store.reviews.listForUser('slack', TEAM_ID, USER, 1))[0]!;

    const answered: string[] = [];
    let restarts = 0;
    for (let i = 0; i < 40; i++) {
      const step = await services.reviews.step(review.id);
      if (step?.kind !== 'question') break;
      const question = step.question;
      await until(async () => (await services.store.messages.get(review.id, 'question', question.id)) !== undefined, 30_000);
      const ts = (await services.store.messages.get(review.id, 'question', question.id))!.messageRef;
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      const clickable = question.type !== 'number' && question.type !== 'text';
      const posted = api.calls.find((c) => c.method === 'chat.postMessage' && c.response?.ts === ts)!;
      const killHere = i === 3;
      if (clickable && i % 3 !== 2 && !killHere) {
        const click = blockActions({
          user: USER,
          channel,
          messageTs: ts,
          threadTs: review.threadRef ?? undefined,
          responseUrl: api.messageResponseUrl(channel, ts),
          action: firstChoiceAction(posted, question.id),
          actionTs: `1700000100.${String(i).padStart(6, '0')}`,
        });
        expect((await first.send.interaction(click)).status).toBe(200);
        expect((await second.send.interaction(click)).status).toBe(200);
      } else {
        const envelope = eventEnvelope(messageEvent({ user: USER, channel, threadTs: review.threadRef!, text: typedAnswerFor(question) }));
        expect((await first.send.event(envelope)).status).toBe(200);
        if (killHere) {
          // the instance that took the event dies before it can be sure of anything; Slack retries on the other
          await stop(first, 'SIGKILL');
        }
        const retry = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };
        expect((await second.send.event(envelope, retry)).status).toBe(200);
        if (killHere) {
          const restarted = await startInstance(`${first.name}-restarted`, first.port);
          restarts += 1;
          if (first === a) a = restarted;
          else b = restarted;
        }
      }
      answered.push(question.id);
      // the next step is stored and posted (after a kill, once the dead instance's inbox lease has lapsed)
      await until(async () => {
        const next = await services.reviews.step(review.id);
        if (next?.kind === 'completed') return (await services.store.messages.get(review.id, 'card')) !== undefined;
        return (
          next?.kind === 'question' &&
          next.question.id !== question.id &&
          (await services.store.messages.get(review.id, 'question', next.question.id)) !== undefined
        );
      }, 45_000);
    }

    expect((await services.reviews.step(review.id))?.kind).toBe('completed');
    expect(answered.length).toBeGreaterThan(10);
    expect(restarts).toBe(1);
    const history = await services.store.answers.history(review.id);
    expect(history.map((h) => h.questionId)).toEqual(answered);
    expect(new Set(history.map((h) => h.questionId)).size).toBe(history.length);
    const posts = threadPosts(channel, review.threadRef!);
    // every question once, then one card (the last post, the stored card): nothing posted twice
    expect(posts).toHaveLength(answered.length + 1);
    expect(new Set(posts.map((p) => JSON.stringify(p.params.blocks))).size).toBe(posts.length);
    expect((await services.store.messages.get(review.id, 'card'))?.messageRef).toBe(posts.at(-1)!.response?.ts);
    // both instances answered their health checks with the database reachable
    for (const instance of [a, b]) {
      const health = (await (await fetch(`http://127.0.0.1:${instance.port}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
    }
  }, 240_000);

  it('Teams turns alternating between two instances, each delivered to both: one answer per question, one card', async () => {
    const connector = await startFakeConnector();
    const database = { engine: 'postgres' as const, url: await freshPostgresUrl(), poolSize: 3, statementTimeoutMs: 10_000 };
    const a = await startHarness({ connector, database });
    const b = await startHarness({ connector, database });
    try {
      const chat = 'a:1personal-chat-two-instances';
      const turn = async (i: number, fields: { text?: string }) => {
        const activity = personalActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: chat, ...fields });
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
        expect((await first.post(activity)).status).toBe(200);
        expect((await second.post(activity)).status).toBe(200);
      };
      await turn(0, { text: 'compute-advice ledger-sync' });
      const review = (await a.services.store.reviews.listRecent(1))[0]!;
      const answered: string[] = [];
      for (let i = 1; i < 40; i++) {
        const step = await a.services.reviews.step(review.id);
        if (step?.kind !== 'question') break;
        // the question the person sees is the one the bot posted last
        expect(latestQuestion(connector)?.questionId).toBe(step.question.id);
        const question = step.question;
        answered.push(question.id);
        await turn(i, { text: typedAnswerFor(question) });
      }
      expect((await b.services.reviews.step(review.id))?.kind).toBe('completed');
      const history = await b.services.store.answers.history(review.id);
      expect(history.map((h) => h.questionId)).toEqual(answered);
      const posted = connector.posted().filter((c) => c.conversationId === chat);
      // the intro, each question once, the card once: no turn answered twice
      expect(posted.filter((c) => isRecommendationCard(c))).toHaveLength(1);
      expect(new Set(posted.map((c) => JSON.stringify(c.body.attachments ?? c.body.text))).size).toBe(posted.length);
    } finally {
      await b.close();
      await a.close();
    }
  }, 120_000);
});

/**
 * Two app processes (the built server, as deployed) on one PostgreSQL database behind a pretend load balancer, with
 * the fake Slack Web API on loopback. A Slack interview's events and clicks alternate between the instances and each
 * one is delivered again to the other (Slack's retries, a double click landing elsewhere); one instance is SIGKILLed
 * mid-interview and started again. Exactly one answer per question, one card and no message posted twice. Then the
 * same for Teams: two server processes with the fake Bot Connector on loopback, turns alternating between them, each
 * delivered to both, one process killed mid-interview and restarted. Then a proactive Teams post from a process that
 * never saw the conversation: one process stores an interview's conversation reference and dies, and the other's
 * scheduler nudges the stalled interview there. Last, two server processes whose schedulers tick on the same digest
 * minute (their timers align to the wall clock's minutes): one digest per channel and one nudge per idle interview
 * between them.
 * Runs in the postgres vitest project only (it needs TEST_DATABASE_URL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import type { Review } from '../../src/storage/index.js';
import { builtFile, REPO_ROOT } from '../helpers/built.js';
import { freePort } from '../helpers/free-port.js';
import { freshPostgresUrl } from '../helpers/test-database.js';
import { until } from '../resilience/helpers/slack-steps.js';
import { firstChoiceAction, typedAnswerFor } from '../slack/helpers/interview-driver.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../slack/helpers/slack-harness.js';
import { blockActions, eventEnvelope, messageEvent, newChannelId, slashCommand, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import { FakeSlackApi, type RecordedCall } from './fake-slack-api.js';
import { startFakeConnector } from './fake-connector.js';
import { ALEX, isRecommendationCard, latestQuestion, personalActivity, questionOf } from '../teams/helpers/teams-harness.js';
import { SlackRequestSender } from './slack-signing.js';

const USER = 'U0PGUSER';

/** A server process on a loopback port. */
interface ServerProcess {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

interface Instance extends ServerProcess {
  send: SlackRequestSender;
}

let api: FakeSlackApi;
let databaseUrl: string;
let services: Services;
const running: ServerProcess[] = [];

/** The built server on `port` (a free one by default) with this environment, once its /healthz answers 200. */
async function startServer(name: string, port: number | undefined, env: Record<string, string>): Promise<ServerProcess> {
  const listenOn = port ?? (await freePort());
  const output: string[] = [];
  const child = spawn(process.execPath, [builtFile('src/main.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', HOST: '127.0.0.1', PORT: String(listenOn), ...env },
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const instance = { name, port: listenOn, child, output };
  running.push(instance);
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${output.join('')}`);
    const res = await fetch(`http://127.0.0.1:${listenOn}/healthz`).catch(() => undefined);
    return res?.status === 200;
  }, 20_000);
  return instance;
}

async function startInstance(name: string, port?: number, more: { url?: string; env?: Record<string, string> } = {}): Promise<Instance> {
  const instance = await startServer(name, port, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL: more.url ?? databaseUrl,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    ...more.env,
  });
  return { ...instance, send: new SlackRequestSender(`http://127.0.0.1:${instance.port}/slack/events`, TEST_SIGNING_SECRET) };
}

/**
 * A Teams instance: the built server without chat credentials, so its /api/messages takes unauthenticated activities
 * whose serviceUrl is on loopback (the fake connector), as the in-process Teams tests run the bot with auth off.
 */
function startTeamsInstance(name: string, url: string, port?: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer(name, port, { DATABASE_URL: url, ...env });
}

function postActivity(instance: ServerProcess, activity: Record<string, unknown>): Promise<Response> {
  return fetch(`http://127.0.0.1:${instance.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}

function stop(instance: ServerProcess, signal: NodeJS.Signals): Promise<void> {
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

  it('Teams turns alternating between two processes, each delivered to both, one of them killed mid-way', async () => {
    const connector = await startFakeConnector();
    const teamsDatabase = await freshPostgresUrl();
    const teamsServices = await createServices({
      database: { engine: 'postgres', url: teamsDatabase, poolSize: 2, statementTimeoutMs: 10_000 },
    });
    let a = await startTeamsInstance('teams-a', teamsDatabase);
    let b = await startTeamsInstance('teams-b', teamsDatabase);
    try {
      const chat = 'a:1personal-chat-two-processes';
      /** Posts one activity to `first`, then the same one (same id) to `second`; `kill` ends `first` in between. */
      const turn = async (i: number, text: string, kill = false) => {
        const activity = personalActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: chat, text });
        const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
        // the turn's first call (the answered card's update, before the next question) is held until the process that
        // makes it is dead, then refused: the killed process's replies never arrive, another process has to send them
        if (kill) connector.fail({ kind: 'update', delayMs: 2000, status: 503, times: 1 });
        expect((await postActivity(first, activity)).status).toBe(200);
        // acknowledged as soon as it is in the inbox: killed now, the replies are left to whichever process takes it
        if (kill) await stop(first, 'SIGKILL');
        expect((await postActivity(second, activity)).status).toBe(200);
        if (kill) {
          const restarted = await startTeamsInstance(`${first.name}-restarted`, teamsDatabase, first.port);
          if (first === a) a = restarted;
          else b = restarted;
        }
      };
      await turn(0, 'compute-advice ledger-sync');
      await until(async () => (await teamsServices.store.reviews.listRecent(1)).length === 1, 15_000);
      const review = (await teamsServices.store.reviews.listRecent(1))[0]!;
      const answered: string[] = [];
      let kills = 0;
      for (let i = 1; i < 40; i++) {
        const step = await teamsServices.reviews.step(review.id);
        if (step?.kind !== 'question') break;
        const question = step.question;
        // the question the person sees is the one the bot posted last
        await until(() => latestQuestion(connector)?.questionId === question.id, 30_000);
        answered.push(question.id);
        const kill = i === 3;
        if (kill) kills += 1;
        await turn(i, typedAnswerFor(question), kill);
        // the next question (or the card) is stored and posted: after a kill, once the dead process's lease lapsed
        await until(async () => {
          const next = await teamsServices.reviews.step(review.id);
          if (next?.kind === 'completed') return connector.posted().some((c) => c.conversationId === chat && isRecommendationCard(c));
          return (
            next?.kind === 'question' && next.question.id !== question.id && latestQuestion(connector)?.questionId === next.question.id
          );
        }, 45_000);
      }
      expect((await teamsServices.reviews.step(review.id))?.kind).toBe('completed');
      expect(kills).toBe(1);
      // the killed process's call was refused after it died: what followed its turn came from another process
      await until(() => connector.failed.length === 1, 10_000);
      expect(answered.length).toBeGreaterThan(10);
      const history = await teamsServices.store.answers.history(review.id);
      expect(history.map((h) => h.questionId)).toEqual(answered);
      // a moment for a late duplicate to show, had any process posted one
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const posted = connector.posted().filter((c) => c.conversationId === chat);
      expect(posted.filter((c) => isRecommendationCard(c))).toHaveLength(1);
      // each question asked once: no turn answered twice, none of its replies sent twice
      const asked = posted.map((c) => questionOf(c)?.questionId).filter((id) => id !== undefined);
      expect(asked).toEqual([...answered]);
      expect(new Set(posted.map((c) => JSON.stringify(c.body.attachments ?? c.body.text))).size).toBe(posted.length);
    } finally {
      await Promise.all([stop(a, 'SIGTERM'), stop(b, 'SIGTERM')]);
      await teamsServices.close();
      await connector.close();
    }
  }, 240_000);

  it('a Teams reminder posted by one process through the conversation reference another process stored', async () => {
    const connector = await startFakeConnector();
    const url = await freshPostgresUrl();
    const teamsServices = await createServices({ database: { engine: 'postgres', url, poolSize: 2, statementTimeoutMs: 10_000 } });
    const env = { REMINDER_AFTER_HOURS: '1' };
    const a = await startTeamsInstance('teams-ref-a', url, undefined, env);
    let b: ServerProcess | undefined;
    try {
      const chat = 'a:1personal-chat-reference-from-a';
      const say = async (text: string) => {
        const activity = personalActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: chat, text });
        expect((await postActivity(a, activity)).status).toBe(200);
      };
      await say('compute-advice invoice-archive');
      await until(async () => (await teamsServices.store.reviews.listRecent(1)).length === 1, 15_000);
      const review = (await teamsServices.store.reviews.listRecent(1))[0]!;
      for (let i = 0; i < 2; i++) {
        const step = await teamsServices.reviews.step(review.id);
        if (step?.kind !== 'question') throw new Error(`expected a question, the review is at ${step?.kind}`);
        await until(() => latestQuestion(connector)?.questionId === step.question.id, 30_000);
        await say(typedAnswerFor(step.question));
        await until(async () => (await teamsServices.store.answers.history(review.id)).length === i + 1, 30_000);
      }
      // A has asked the third question and emptied its inbox: nothing of this conversation is left for another process
      const third = await teamsServices.reviews.step(review.id);
      if (third?.kind !== 'question') throw new Error(`expected a third question, the review is at ${third?.kind}`);
      await until(() => latestQuestion(connector)?.questionId === third.question.id, 30_000);
      await until(async () => (await teamsServices.store.inbox.pending('teams')) === 0, 15_000);
      const stored = await teamsServices.store.reviews.get(review.id);
      expect(stored?.conversationRef).toMatchObject({ serviceUrl: connector.serviceUrl, conversation: { id: chat } });

      await stop(a, 'SIGKILL');
      const callsFromA = connector.calls.length;
      expect(connector.posted().filter((c) => c.conversationId === chat).length).toBeGreaterThan(2);
      // stalled: last active two hours ago, past REMINDER_AFTER_HOURS=1, while no process runs; B's start-up pass nudges
      await teamsServices.database.q
        .updateTable('reviews')
        .set({ last_activity_at: Date.now() - 2 * 3_600_000 })
        .where('id', '=', review.id)
        .execute();
      b = await startTeamsInstance('teams-ref-b', url, undefined, env);
      const nudge = await connector.waitFor((c) => JSON.stringify(c.body).includes('has been waiting for an answer for 2 hours'), 30_000);
      // a moment for a second post to show, had any process sent one
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const sinceA = connector.calls.slice(callsFromA);
      expect(sinceA).toEqual([nudge]);
      expect(['send', 'reply']).toContain(nudge.kind);
      expect(nudge.conversationId).toBe(chat);
      // B is told of no connector: the stored reference's serviceUrl is the only way its post could arrive here
      expect(JSON.stringify(nudge.body)).toContain('invoice-archive');
      const nudges = await teamsServices.store.reminders.nudgesFor(review.id);
      expect(nudges).toHaveLength(1);
      expect(nudges[0]?.claimedBy).toContain(`:${b.child.pid}:`);
      expect(nudges[0]?.postedAt).not.toBeNull();
      const logged = (instance: ServerProcess) =>
        instance.output
          .join('')
          .split('\n')
          .filter((line) => line.includes('"msg":"stalled interview nudged"')).length;
      expect(logged(b)).toBe(1);
      expect(logged(a)).toBe(0);
    } finally {
      await Promise.all([stop(a, 'SIGKILL'), ...(b ? [stop(b, 'SIGTERM')] : [])]);
      await teamsServices.close();
      await connector.close();
    }
  }, 180_000);

  it('two scheduler processes at the digest minute: one digest per channel, one nudge per idle interview', async () => {
    const url = await freshPostgresUrl();
    const target = { engine: 'postgres' as const, url, poolSize: 2, statementTimeoutMs: 10_000 };
    // interviews last touched two hours ago: idle past REMINDER_AFTER_HOURS=1 when the schedulers look
    const twoHoursAgo = await createServices({ database: target, clock: { now: () => Date.now() - 2 * 3_600_000 } });
    try {
      // the first whole minute far enough ahead for both processes to be up: they tick on it together
      const digestAt = Math.ceil((Date.now() + 12_000) / 60_000) * 60_000;
      const when = new Date(digestAt);
      const time = `${String(when.getUTCHours()).padStart(2, '0')}:${String(when.getUTCMinutes()).padStart(2, '0')}`;
      const channels = [newChannelId(), newChannelId(), newChannelId()];
      for (const channelId of channels) {
        await twoHoursAgo.store.subscriptions.subscribe(
          { platform: 'slack', workspaceId: TEAM_ID, channelId },
          { weekday: when.getUTCDay(), time, timeZone: 'UTC', scope: 'channel' },
          'UADMIN',
          Date.now() - 60_000,
        );
      }
      const schedulers = await Promise.all(
        ['scheduler-a', 'scheduler-b'].map((name) => startInstance(name, undefined, { url, env: { REMINDER_AFTER_HOURS: '1' } })),
      );
      // created after both started, so neither takes them in its start-up pass: both find them on the digest minute
      const idle: Review[] = [];
      for (const [i, channelId] of channels.slice(0, 2).entries()) {
        const place = { platform: 'slack' as const, workspaceId: TEAM_ID, channelId, threadRef: `1700000200.00000${i}` };
        idle.push((await twoHoursAgo.reviews.start(place, USER, `idle-workload-${i}`)).review);
      }
      expect(Date.now(), 'the set-up ran past the digest minute').toBeLessThan(digestAt);

      const digestPosts = (channelId: string) =>
        api.calls.filter(
          (c) => c.method === 'chat.postMessage' && c.status === 200 && c.params.channel === channelId && !c.params.thread_ts,
        );
      const nudgePosts = (threadTs: string) =>
        api.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && c.params.thread_ts === threadTs);
      await until(
        () => channels.every((c) => digestPosts(c).length > 0) && idle.every((r) => nudgePosts(r.threadRef!).length > 0),
        digestAt - Date.now() + 30_000,
      );
      // both processes have had their pass at the minute: give a second post every chance to show
      await new Promise((resolve) => setTimeout(resolve, 2000));
      for (const channelId of channels) expect(digestPosts(channelId), channelId).toHaveLength(1);
      for (const review of idle) expect(nudgePosts(review.threadRef!), review.id).toHaveLength(1);

      const runs = await twoHoursAgo.database.q.selectFrom('digest_runs').selectAll().execute();
      expect(runs).toHaveLength(channels.length);
      for (const run of runs) {
        expect(run.posted_at).not.toBeNull();
        expect(run.attempts).toBe(1);
        // claimed on the digest minute's tick, not a start-up pass
        expect(run.claimed_at).toBeGreaterThanOrEqual(digestAt);
      }
      const logged = (message: string) =>
        schedulers.flatMap((s) => s.output.join('').split('\n')).filter((line) => line.includes(`"msg":"${message}"`)).length;
      expect(logged('digest posted')).toBe(channels.length);
      expect(logged('stalled interview nudged')).toBe(idle.length);
      await Promise.all(schedulers.map((s) => stop(s, 'SIGTERM')));
    } finally {
      await twoHoursAgo.close();
    }
  }, 180_000);
});

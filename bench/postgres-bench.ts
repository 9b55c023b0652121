/**
 * PostgreSQL against the embedded SQLite default, and more than one instance.
 *
 * 1. Storing one answer through the real use case (parse, validate, write the answer and its history in one
 *    transaction), on a SQLite file and on the local PostgreSQL server, in this process.
 * 2. The load run: the built server as deployed (one process per instance, DATABASE_URL on that server) behind a
 *    round-robin "load balancer" in this process, the fake Slack Web API on loopback, and USERS people answering
 *    their interviews as fast as the questions come, every click or reply sent to the next instance in turn. Run with
 *    one instance, then two, on one database, in the same run: answers per second and the acknowledgement p99 (the
 *    HTTP response time Slack sees) for each.
 *
 * The server's URL: BENCH_DATABASE_URL, else TEST_DATABASE_URL (each part uses a fresh schema there). Without one
 * the PostgreSQL parts are skipped with a message.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createServices, type Services } from '../src/app/services.js';
import type { DatabaseTarget } from '../src/storage/database-target.js';
import type { Review } from '../src/storage/review-repository.js';
import { FakeSlackApi } from '../test/e2e/fake-slack-api.js';
import { freePort } from '../test/helpers/free-port.js';
import { SlackRequestSender } from '../test/e2e/slack-signing.js';
import { firstChoiceAction, typedAnswerFor } from '../test/slack/helpers/interview-driver.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../test/slack/helpers/slack-harness.js';
import { blockActions, eventEnvelope, messageEvent, newChannelId, slashCommand } from '../test/slack/helpers/slack-payloads.js';
import { answerWriteTimes } from './answer-write-bench.js';
import type { BenchResult } from './bench-result.js';
import { sleep } from './load/clock.js';
import { percentile } from './percentile.js';

const ANSWERS = 2_000;
const USERS = Number(process.env.PG_BENCH_USERS ?? 24);
const LOAD_SECONDS = Number(process.env.PG_BENCH_SECONDS ?? 40);
const ROOT = new URL('../..', import.meta.url).pathname;

function serverUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

/** A fresh schema on the server, dropped by the returned function. */
async function freshSchema(base: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

async function answerWrites(target: DatabaseTarget): Promise<{ p50: number; p99: number }> {
  const services = await createServices({ database: target });
  let times: number[];
  try {
    times = await answerWriteTimes(services, ANSWERS);
  } finally {
    await services.close();
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function startInstance(databaseUrl: string, api: FakeSlackApi): Promise<{ child: ChildProcess; send: SlackRequestSender }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
    },
  });
  for (let i = 0; i < 400; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, send: new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, TEST_SIGNING_SECRET) };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('an instance did not start within 20 s');
}

/** USERS people answering as fast as questions come for LOAD_SECONDS, requests spread over the instances in turn. */
async function loadRun(instances: number, base: string): Promise<{ answersPerSecond: number; ackP99: number; ackP50: number }> {
  const schema = await freshSchema(base);
  const api = await new FakeSlackApi().start();
  const services: Services = await createServices({
    database: { engine: 'postgres', url: schema.url, poolSize: 4, statementTimeoutMs: 0 },
  });
  const started = await Promise.all(Array.from({ length: instances }, () => startInstance(schema.url, api)));
  let next = 0;
  const pick = () => started[next++ % started.length]!.send;
  const acks: number[] = [];
  const timed = async (send: () => Promise<Response>) => {
    const t0 = performance.now();
    const res = await send();
    acks.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  };
  let answers = 0;
  const deadline = Date.now() + LOAD_SECONDS * 1000;
  const user = async (u: number) => {
    while (Date.now() < deadline) {
      const person = `U0LOAD${u}`;
      const channel = newChannelId();
      await timed(() => pick().command(slashCommand({ text: `load-${u}`, user: person, channel, responseUrl: api.responseUrl(`${u}`) })));
      let review: Review | undefined;
      while (!review && Date.now() < deadline) {
        review = (await services.store.reviews.listRecent(1, { channelId: channel }))[0];
        if (!review) await sleep(25);
      }
      if (!review) return;
      for (let q = 0; q < 40 && Date.now() < deadline; q++) {
        const step = await services.reviews.step(review.id);
        if (step?.kind !== 'question') break;
        const stored = await services.store.messages.get(review.id, 'question', step.question.id);
        if (!stored) {
          await sleep(25);
          q--;
          continue;
        }
        const posted = api.calls.find((c) => c.method === 'chat.postMessage' && c.response?.ts === stored.messageRef);
        const clickable = step.question.type !== 'number' && step.question.type !== 'text';
        if (clickable && posted) {
          const click = blockActions({
            user: person,
            channel,
            messageTs: stored.messageRef,
            threadTs: review.threadRef ?? undefined,
            responseUrl: api.messageResponseUrl(channel, stored.messageRef),
            action: firstChoiceAction(posted, step.question.id),
          });
          await timed(() => pick().interaction(click));
        } else {
          const reply = messageEvent({ user: person, channel, threadTs: review.threadRef!, text: typedAnswerFor(step.question) });
          await timed(() => pick().event(eventEnvelope(reply)));
        }
        // the answer counts once it is stored
        while (Date.now() < deadline) {
          const now = await services.reviews.step(review.id);
          if (now?.kind !== 'question' || now.question.id !== step.question.id) break;
          await sleep(25);
        }
        answers += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
  } finally {
    for (const s of started) s.child.kill('SIGTERM');
    await services.close();
    await api.stop();
    await schema.drop();
    acks.sort((a, b) => a - b);
  }
  return { answersPerSecond: answers / LOAD_SECONDS, ackP99: percentile(acks, 99), ackP50: percentile(acks, 50) };
}

export async function runPostgresBench(): Promise<BenchResult> {
  const f = (n: number) => `${n.toFixed(2)} ms`;
  const dir = mkdtempSync(join(tmpdir(), 'compute-advice-pg-bench-'));
  const lines: string[] = [];
  try {
    const sqlite = await answerWrites({ engine: 'sqlite', path: join(dir, 'bench.db') });
    lines.push(`answer write, SQLite file:        p50 ${f(sqlite.p50)}  p99 ${f(sqlite.p99)}`);
    const base = serverUrl();
    if (!base) {
      lines.push('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a server)');
      return { name: 'PostgreSQL and several instances', lines };
    }
    const schema = await freshSchema(base);
    try {
      const postgres = await answerWrites({ engine: 'postgres', url: schema.url, poolSize: 4, statementTimeoutMs: 0 });
      lines.push(`answer write, local PostgreSQL:   p50 ${f(postgres.p50)}  p99 ${f(postgres.p99)}`);
    } finally {
      await schema.drop();
    }
    for (const n of [1, 2]) {
      const run = await loadRun(n, base);
      lines.push(
        `${n} instance${n === 1 ? ' ' : 's'} on one PostgreSQL, ${USERS} users, ${LOAD_SECONDS} s: ${run.answersPerSecond.toFixed(1)} answers/s, ack p50 ${f(run.ackP50)}  p99 ${f(run.ackP99)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'PostgreSQL and several instances', lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runPostgresBench();
  process.stdout.write(`${result.name}\n${result.lines.map((l) => `  ${l}`).join('\n')}\n`);
  process.exit(0);
}

/**
 * Teams latency: from an activity POSTed to /api/messages to the bot's reply reaching the (fake) Bot Connector,
 * with 20 conversations in flight at once. Measured side by side in the same run against a bare botbuilder echo bot
 * (CloudAdapter + ActivityHandler that echoes) on the same node:http plumbing, so the ratio is what our interview
 * (SQLite reads and writes, the rules, card rendering, an in-place card update per answer) costs per turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { createServices } from '../src/app/services.js';
import { createLogger } from '../src/logger.js';
import { sendJsonError } from '../src/http/json-body.js';
import { expressLikeResponse, readJsonBody } from '../src/teams/http-body.js';
import { createTeamsBot } from '../src/teams/teams-bot.js';
import { startTeamsServer } from '../src/teams/teams-server.js';
import { cardsOf, startFakeConnector, type ConnectorCall, type FakeConnector } from '../test/e2e/fake-connector.js';
import { FAKE_API_KEEP_ALIVE_MS } from './load/fake-keep-alive.js';
import type { BenchResult } from './bench-result.js';
import { percentile } from './percentile.js';

const CONVERSATIONS = 20;
const TURNS_PER_CONVERSATION = 30;
const WARMUP_TURNS = 3;
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT = { id: '28:bench-bot', name: 'compute-advice' };

interface Sample {
  ms: number;
}

/** Resolves when the connector receives a reply to `activityId` (POST .../activities/<activityId>). */
class ReplyWaiter {
  private readonly pending = new Map<string, (call: ConnectorCall) => void>();
  constructor(connector: FakeConnector) {
    connector.onCall = (call) => {
      if (call.kind !== 'reply' || !call.activityId) return;
      const resolve = this.pending.get(call.activityId);
      if (resolve) {
        this.pending.delete(call.activityId);
        resolve(call);
      }
    };
  }
  wait(activityId: string): Promise<ConnectorCall> {
    return new Promise((resolve) => this.pending.set(activityId, resolve));
  }
}

let seq = 0;
const nextId = () => `${Date.now()}${String(++seq).padStart(6, '0')}`;

function activity(serviceUrl: string, conversationId: string, user: string, extra: Record<string, unknown>) {
  return {
    type: 'message',
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${user}`, name: user },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    recipient: BOT,
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

async function post(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
}

/** One timed turn: post, wait for the reply at the connector. */
async function timedTurn(url: string, waiter: ReplyWaiter, body: Record<string, unknown>): Promise<{ ms: number; reply: ConnectorCall }> {
  const replied = waiter.wait(String(body.id));
  const started = performance.now();
  const posting = post(url, body);
  const reply = await replied;
  await posting;
  return { ms: reply.at - started, reply };
}

// ---- the two bots ---------------------------------------------------------------------------------------------

async function startEchoBot(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readJsonBody(req);
      if (!body.ok) return sendJsonError(res, body.status, body.message);
      await adapter.process(
        { body: body.body, headers: req.headers as Record<string, string>, method: req.method },
        expressLikeResponse(res),
        (ctx) => bot.run(ctx),
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function runEcho(connector: FakeConnector): Promise<Sample[]> {
  const echo = await startEchoBot();
  const waiter = new ReplyWaiter(connector);
  const samples: Sample[] = [];
  try {
    await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, c) => {
        for (let turn = 0; turn < TURNS_PER_CONVERSATION + WARMUP_TURNS; turn++) {
          const body = activity(connector.serviceUrl, `a:echo-${c}`, `user-${c}`, { text: `hello ${turn}` });
          const { ms } = await timedTurn(echo.url, waiter, body);
          if (turn >= WARMUP_TURNS) samples.push({ ms });
        }
      }),
    );
  } finally {
    await echo.close();
  }
  return samples;
}

interface AnswerAction {
  data: Record<string, unknown>;
}

/** The Answer action and a valid value for the question card in a reply, or undefined for the recommendation. */
function nextAnswer(reply: ConnectorCall): { data: Record<string, unknown>; value: string } | undefined {
  const card = cardsOf(reply.body)[0];
  const found: { answer?: AnswerAction; choices?: Array<{ value: string }> } = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit' && (o.data as Record<string, unknown>)?.ca === 'answer' && !found.answer)
      found.answer = o as unknown as AnswerAction;
    if (o.type === 'Input.ChoiceSet' && !found.choices) found.choices = o.choices as Array<{ value: string }>;
    Object.values(o).forEach(walk);
  };
  walk(card);
  if (!found.answer) return undefined;
  const questionId = found.answer.data.questionId;
  const value = questionId === 'workload_kind' ? 'api' : found.choices ? found.choices[0]!.value : '30';
  return { data: found.answer.data, value };
}

async function runComputeAdvice(connector: FakeConnector): Promise<{ samples: Sample[]; interviews: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-teams-bench-'));
  const services = await createServices({ databasePath: path.join(dir, 'bench.db') });
  const teams = createTeamsBot({ config: undefined, services, logger: createLogger({ level: 'silent' }) });
  const server = await startTeamsServer({ teams, port: 0 });
  const url = `${server.url}/api/messages`;
  const waiter = new ReplyWaiter(connector);
  const samples: Sample[] = [];
  let interviews = 0;
  try {
    await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, c) => {
        let round = 0;
        let conversation = `a:ca-${c}-${round}`;
        let pending: { data: Record<string, unknown>; value: string; cardId: string } | undefined;
        for (let turn = 0; turn < TURNS_PER_CONVERSATION + WARMUP_TURNS; turn++) {
          // a typical turn: a card submit (answer, card update in place, next card); a mention starts each interview
          const body = pending
            ? activity(connector.serviceUrl, conversation, `user-${c}`, {
                replyToId: pending.cardId,
                value: { ...pending.data, value: pending.value },
              })
            : activity(connector.serviceUrl, conversation, `user-${c}`, { text: `compute-advice bench-${c}-${round}` });
          const { ms, reply } = await timedTurn(url, waiter, body);
          if (turn >= WARMUP_TURNS) samples.push({ ms });
          if (!pending) {
            // the first reply is the intro; the question card follows in the same turn (after Teams got its 200)
            const question = await connector
              .waitFor((call) => call.kind === 'reply' && call.activityId === body.id && nextAnswer(call) !== undefined, 10_000)
              .catch(() => undefined);
            pending = question && { ...nextAnswer(question)!, cardId: question.responseId! };
          } else {
            const next = nextAnswer(reply);
            if (next) {
              pending = { ...next, cardId: reply.responseId! };
            } else {
              interviews += 1;
              round += 1;
              conversation = `a:ca-${c}-${round}`;
              pending = undefined;
            }
          }
        }
      }),
    );
  } finally {
    await server.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { samples, interviews };
}

// ---- report ---------------------------------------------------------------------------------------------------

function stats(samples: Sample[]) {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function runTeamsBench(): Promise<BenchResult> {
  const connector = await startFakeConnector({ keepAliveTimeoutMs: FAKE_API_KEEP_ALIVE_MS });
  try {
    // alternate, so neither bot always runs on a colder or hotter machine
    const echoFirst = await runEcho(connector);
    connector.clear();
    const ours = await runComputeAdvice(connector);
    connector.clear();
    const echoSecond = await runEcho(connector);
    const echo = stats([...echoFirst, ...echoSecond]);
    const ca = stats(ours.samples);
    const ms = (n: number) => `${n.toFixed(2)} ms`.padStart(9);
    return {
      name: 'teams',
      lines: [
        `teams bench: activity POSTed to /api/messages -> reply at a fake Bot Connector (loopback), ${CONVERSATIONS} concurrent conversations, node ${process.version}`,
        `  ${'bot'.padEnd(44)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}  samples`,
        `  ${'bare botbuilder echo bot (CloudAdapter)'.padEnd(44)} ${ms(echo.p50)} ${ms(echo.p99)}  ${echo.n}`,
        `  ${'compute-advice interview turn (card submit)'.padEnd(44)} ${ms(ca.p50)} ${ms(ca.p99)}  ${ca.n} (${ours.interviews} interviews finished)`,
        `  ratio compute-advice / echo: p50 ${(ca.p50 / echo.p50).toFixed(2)}x, p99 ${(ca.p99 / echo.p99).toFixed(2)}x`,
      ],
    };
  } finally {
    await connector.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const result = await runTeamsBench();
  for (const line of result.lines) console.log(line);
}

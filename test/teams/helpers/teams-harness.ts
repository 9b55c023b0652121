/**
 * The Teams bot for real over loopback HTTP: real services on a SQLite file in a temp folder, the real botbuilder
 * CloudAdapter behind startTeamsServer, and a fake Bot Connector that records what the bot sends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createAdrLinkHandler, withAdrLinks } from '../../../src/api/index.js';
import { createServices, type Services } from '../../../src/app/services.js';
import type { Clock } from '../../../src/app/clock.js';
import type { TeamsConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { createTeamsBot, type TeamsBot, type TeamsBotOptions } from '../../../src/teams/teams-bot.js';
import { startTeamsServer, type TeamsServer } from '../../../src/teams/teams-server.js';
import { cardsOf, startFakeConnector, type ConnectorCall, type FakeConnector } from '../../e2e/fake-connector.js';

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:7d3b8c4e-1111-4222-8333-944455556666', name: 'compute-advice' };
export const CHANNEL_ID = '19:a1b2c3d4e5f6@thread.tacv2';
export const ALEX = { id: '29:1alex-teams-user-id', name: 'Alex Kim', aadObjectId: '00000000-0000-0000-0000-00000000a1ex' };
export const SAM = { id: '29:1sam-teams-user-id', name: 'Sam Lee', aadObjectId: '00000000-0000-0000-0000-000000000sam' };

export type Person = typeof ALEX;

let activitySeq = 0;
/** Teams-style message ids (epoch-ms strings). */
export function nextActivityId(): string {
  activitySeq += 1;
  return String(1_700_000_000_000 + activitySeq);
}

export interface Harness {
  dir: string;
  dbPath: string;
  connector: FakeConnector;
  services: Services;
  teams: TeamsBot;
  server: TeamsServer;
  logLines: string[];
  /** POSTs an activity to /api/messages; resolves once the bot's turn (and its replies) finished. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** Stops the server and closes the database, keeping the file and the connector. */
  stop(): Promise<void>;
  /** stop() then close the connector and delete the folder. */
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: TeamsConfig;
  dir?: string;
  connector?: FakeConnector;
  clock?: Clock;
  /** Offer `digest …` commands. */
  digests?: boolean;
  /** Organisation lens files, as LENS_PATHS gives them to the server. */
  lensPaths?: string[];
  /** How long stop() waits for turns in hand before leaving them in the inbox. */
  shutdownDeadlineMs?: number;
  /** More bot options (token key settings, admin ids, inbox timings). */
  bot?: Partial<Omit<TeamsBotOptions, 'config' | 'services' | 'logger'>>;
  /** PUBLIC_URL is this server (ADR links are served on it, as in production); default unset. */
  publicUrl?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'ca-teams-'));
  const dbPath = path.join(dir, 'compute-advice.db');
  const connector = options.connector ?? (await startFakeConnector());
  let base: string | undefined;
  const services = await createServices({
    adrLinks: { secret: Buffer.from('teams-harness-adr-link-secret-0123456789'), publicUrl: () => (options.publicUrl ? base : undefined) },
    database: { engine: 'sqlite', path: dbPath },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.lensPaths ? { lensPaths: options.lensPaths } : {}),
  });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const teams = createTeamsBot({ config: options.config, services, logger, ...options.bot });
  const server = await startTeamsServer({
    teams,
    port: 0,
    logger,
    fallback: withAdrLinks(createAdrLinkHandler({ adrExports: services.adrExports, logger })),
    ...(options.shutdownDeadlineMs === undefined ? {} : { shutdownDeadlineMs: options.shutdownDeadlineMs }),
  });
  base = server.url;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
    await services.close();
  };
  return {
    dir,
    dbPath,
    connector,
    services,
    teams,
    server,
    logLines,
    async post(activity, headers = {}) {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const result = { status: response.status, body: await response.text() };
      // Message turns answer 200 before they send their replies: wait for those too.
      await teams.idle();
      return result;
    },
    stop,
    async close() {
      await stop();
      if (!options.connector) await connector.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- activities as Teams sends them -------------------------------------------------------------------------

interface Base {
  serviceUrl: string;
  from: Person;
  /** The reply chain's conversation id; omit for a new root post in the channel. */
  conversationId?: string;
  id?: string;
}

function channelActivity(base: Base, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: base.id ?? nextActivityId(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: base.serviceUrl,
    channelId: 'msteams',
    from: base.from,
    conversation: { id: base.conversationId ?? CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    recipient: BOT,
    locale: 'en-US',
    channelData: {
      tenant: { id: TENANT_ID },
      team: { id: '19:team-general@thread.tacv2' },
      channel: { id: CHANNEL_ID },
    },
    ...extra,
  };
}

/** `@compute-advice <text>` in a channel: a new root post unless conversationId (a reply chain) is given. */
export function mentionActivity(base: Base & { text: string; alsoMention?: Person[] }): Record<string, unknown> {
  const others = base.alsoMention ?? [];
  return channelActivity(base, {
    textFormat: 'plain',
    text: `<at>${BOT.name}</at> ${base.text}${others.map((p) => ` <at>${p.name}</at>`).join('')}`,
    entities: [
      { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT },
      ...others.map((p) => ({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } })),
      { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web' },
    ],
  });
}

/** An Action.Submit from a card: a message activity with `value`, replyToId = the card's activity id. */
export function submitActivity(base: Base & { replyToId: string; value: Record<string, unknown> }): Record<string, unknown> {
  return channelActivity(base, { replyToId: base.replyToId, value: base.value, text: undefined });
}

/** A message in a 1:1 chat with the bot (no mention needed). */
export function personalActivity(
  base: Omit<Base, 'conversationId'> & { conversationId: string; text?: string; value?: Record<string, unknown>; replyToId?: string },
): Record<string, unknown> {
  return {
    type: 'message',
    id: base.id ?? nextActivityId(),
    timestamp: new Date().toISOString(),
    serviceUrl: base.serviceUrl,
    channelId: 'msteams',
    from: base.from,
    conversation: { id: base.conversationId, conversationType: 'personal', tenantId: TENANT_ID },
    recipient: BOT,
    channelData: { tenant: { id: TENANT_ID } },
    ...(base.text !== undefined ? { text: base.text } : {}),
    ...(base.value ? { value: base.value } : {}),
    ...(base.replyToId ? { replyToId: base.replyToId } : {}),
  };
}

// ---- reading what the bot sent ------------------------------------------------------------------------------

export interface SubmitAction {
  type: string;
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Submit in a card, at any depth (card actions and ActionSets). */
export function submitActions(card: unknown): SubmitAction[] {
  const found: SubmitAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit') found.push(o as unknown as SubmitAction);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return found;
}

/** All elements of a card with the given type, at any depth. */
export function elementsOfType(card: unknown, type: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === type) found.push(o);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return found;
}

export function firstCard(call: ConnectorCall): Record<string, unknown> {
  const card = cardsOf(call.body)[0];
  if (!card) throw new Error(`no card in ${JSON.stringify(call.body).slice(0, 300)}`);
  return card as Record<string, unknown>;
}

/** The question a card asks (from its Answer action), or undefined for other cards. */
export function questionOf(call: ConnectorCall): { reviewId: string; questionId: string } | undefined {
  const cards = cardsOf(call.body);
  for (const card of cards) {
    const answer = submitActions(card).find((a) => a.data.ca === 'answer');
    if (answer) return { reviewId: String(answer.data.reviewId), questionId: String(answer.data.questionId) };
  }
  return undefined;
}

/** The text of every TextBlock in a card, joined. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') parts.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts))
      for (const f of o.facts as Array<{ title: string; value: string }>) parts.push(`${f.title}: ${f.value}`);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return parts.join('\n');
}

/** The newest posted question card, with the activity id the connector gave it. */
export function latestQuestion(
  connector: FakeConnector,
): { call: ConnectorCall; reviewId: string; questionId: string; activityId: string } | undefined {
  const posted = connector.posted();
  for (let i = posted.length - 1; i >= 0; i--) {
    const call = posted[i]!;
    const q = questionOf(call);
    if (q) return { call, ...q, activityId: call.responseId! };
  }
  return undefined;
}

export function isRecommendationCard(call: ConnectorCall): boolean {
  return cardsOf(call.body).some((card) => submitActions(card).some((a) => a.data.ca === 'record_decision'));
}

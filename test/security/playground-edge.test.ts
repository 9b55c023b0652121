/**
 * The local mode trusts no other web page: the server as local mode composes it (the Teams bot with auth off, the
 * playground as its fallback) on loopback, attacked the way a page in the same browser can: cross-site posts that
 * need no CORS preflight (text/plain, no Content-Type), a DNS-rebound host name, floods of large posts to the
 * in-process connector, and a deeply nested body.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { createLogger } from '../../src/logger.js';
import { createPlaygroundHandler, type PlaygroundHandler } from '../../src/playground/index.js';
import { createTeamsBot, type TeamsBot } from '../../src/teams/teams-bot.js';
import { startTeamsServer, type TeamsServer } from '../../src/teams/teams-server.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

let dir: string;
let services: Services;
let teams: TeamsBot;
let playground: PlaygroundHandler;
let server: TeamsServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'ca-pg-edge-'));
  services = await createServices({ databasePath: path.join(dir, 'compute-advice.db') });
  const logger = createLogger({ level: 'silent' });
  teams = createTeamsBot({ config: undefined, services, logger });
  playground = createPlaygroundHandler({ services, logger });
  server = await startTeamsServer({ teams, port: 0, host: '127.0.0.1', logger, fallback: playground });
});

afterAll(async () => {
  await server?.close();
  await services?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  status: number;
  body: string;
}

/** One request with exactly these headers (Host included when given). */
function send(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Sent> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: pathname,
        headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function personalMessage(text: string): Record<string, unknown> {
  return {
    type: 'message',
    id: `edge-${Math.random()}`,
    serviceUrl: `${server.url}/playground/connector/`,
    channelId: 'msteams',
    from: { id: 'local-user', name: 'You' },
    recipient: { id: '28:compute-advice-local', name: 'compute-advice' },
    conversation: { id: 'a:playground-edge', conversationType: 'personal', tenantId: 'local' },
    channelData: { tenant: { id: 'local' } },
    text,
  };
}

const reviewCount = () => (sqliteOf(services).prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n;

describe('cross-site requests', () => {
  it('POST /api/messages refuses text/plain and a body with no Content-Type (415) and starts nothing', async () => {
    const body = JSON.stringify(personalMessage('compute-advice cross-site'));
    expect((await send('POST', '/api/messages', { 'content-type': 'text/plain' }, body)).status).toBe(415);
    expect((await send('POST', '/api/messages', {}, body)).status).toBe(415);
    expect((await send('POST', '/api/messages', { 'content-type': 'application/x-www-form-urlencoded' }, body)).status).toBe(415);
    await teams.idle();
    expect(reviewCount()).toBe(0);
    // the page's own request (application/json) still works
    expect((await send('POST', '/api/messages', { 'content-type': 'application/json' }, body)).status).toBe(200);
    await teams.idle();
    expect(reviewCount()).toBe(1);
  });

  it('the in-process connector refuses text/plain and untyped posts (415) and records nothing', async () => {
    const conversation = encodeURIComponent('a:playground-cross-site');
    const where = `/playground/connector/v3/conversations/${conversation}/activities`;
    const activity = JSON.stringify({ type: 'message', text: 'forged' });
    expect((await send('POST', where, { 'content-type': 'text/plain' }, activity)).status).toBe(415);
    expect((await send('POST', where, {}, activity)).status).toBe(415);
    expect(playground.connector.lastSeq('a:playground-cross-site')).toBe(0);
    // a DELETE carries no body and no type, as botbuilder sends it
    expect((await send('DELETE', `${where}/pg-1`)).status).toBe(200);
  });

  it('a DNS-rebound host name is refused (403) everywhere: the review list, the bot endpoint, the page', async () => {
    const rebound = { host: `attacker.example:${new URL(server.url).port}` };
    const list = await send('GET', '/playground/api/reviews', rebound);
    expect(list.status).toBe(403);
    expect(list.body).not.toContain('workloadName');
    const body = JSON.stringify(personalMessage('compute-advice rebound'));
    expect((await send('POST', '/api/messages', { ...rebound, 'content-type': 'application/json' }, body)).status).toBe(403);
    expect((await send('GET', '/', rebound)).status).toBe(403);
    expect((await send('GET', '/playground/api/reviews', { host: `localhost:${new URL(server.url).port}` })).status).toBe(200);
    expect((await send('GET', '/playground/api/reviews', { host: `[::1]:${new URL(server.url).port}` })).status).toBe(200);
  });

  it('the bot replies only to a connector on this machine while authentication is off', async () => {
    const activity = { ...personalMessage('compute-advice elsewhere'), serviceUrl: 'https://attacker.example/connector/' };
    const sent = await send('POST', '/api/messages', { 'content-type': 'application/json' }, JSON.stringify(activity));
    expect(sent.status).toBe(400);
    expect(sent.body).toMatch(/serviceUrl must be on this machine/);
    await teams.idle();
    expect(reviewCount()).toBe(1);
  });
});

describe('bounded memory and hostile bodies', () => {
  it('keeps the connector within its byte budget under 100 posts of 0.9 MB, the newest kept', async () => {
    const padding = 'x'.repeat(900 * 1024);
    for (let i = 0; i < 100; i += 1) {
      const conversation = encodeURIComponent(`a:playground-flood-${i % 7}`);
      const posted = await send(
        'POST',
        `/playground/connector/v3/conversations/${conversation}/activities`,
        { 'content-type': 'application/json' },
        JSON.stringify({ type: 'message', text: `${i} ${padding}` }),
      );
      expect(posted.status).toBe(200);
    }
    const kept = playground.connector.allEvents();
    const keptBytes = kept.reduce((sum, e) => sum + JSON.stringify(e.activity).length, 0);
    expect(keptBytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(kept.some((e) => String(e.activity.text).startsWith('99 '))).toBe(true);
    expect(kept.some((e) => String(e.activity.text).startsWith('0 '))).toBe(false);
  });

  it('a 100,000-deep JSON body is refused with 400, and the feed it would have broken still answers', async () => {
    const conversation = encodeURIComponent('a:playground-deep');
    const deep = `{"type":"message","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const posted = await send(
      'POST',
      `/playground/connector/v3/conversations/${conversation}/activities`,
      { 'content-type': 'application/json' },
      deep,
    );
    expect(posted.status).toBe(400);
    expect(posted.body).toMatch(/nests deeper than 64 levels/);
    const feed = await send('GET', `/playground/api/conversations/${conversation}/activities?since=0`);
    expect(feed.status).toBe(200);
    const onBot = await send('POST', '/api/messages', { 'content-type': 'application/json' }, deep);
    expect(onBot.status).toBe(400);
  });
});

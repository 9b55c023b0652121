import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BearerTokens, MAX_BODY_BYTES, openApiDocument, safeApiHandler, withApiRoutes } from '../../src/api/index.js';
import { createServices, type Services } from '../../src/app/services.js';
import type { ReviewPlace } from '../../src/app/review-types.js';
import { createSlackApp } from '../../src/slack/index.js';
import { createTeamsRequestListener } from '../../src/teams/teams-server.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../slack/helpers/slack-harness.js';
import { STEADY_API_ANSWERS } from '../helpers/steady-api-answers.js';

const TOKEN = 'tok-correct-horse-battery-staple-0001';
const OTHER_TOKEN = 'tok-second-token-for-the-ci-check-0002';
const ANSWERS = STEADY_API_ANSWERS;
const PROFILE = { name: 'orders-api', kind: 'api', traffic: 'bursty', avgRequestsPerSecond: 3, durationSeconds: 0.2 };

let dir: string;
let services: Services;
const servers: Server[] = [];
let baseUrl: string;
let offUrl: string;
const logLines: string[] = [];
/** Log lines kept for the test that checks no token is logged. */
const captureLog = () =>
  new Writable({
    write: (chunk, _encoding, done) => {
      logLines.push(String(chunk));
      done();
    },
  });
const ids: Record<string, string> = {};

/** Serves the API the way the bot does: the Teams request listener with the API in its fallback. */
async function serve(tokens: string[]): Promise<string> {
  const logger = pino({ level: 'debug' }, captureLog());
  const api = safeApiHandler({
    records: services.records,
    content: services.content,
    tokens: new BearerTokens(tokens),
    version: '9.9.9',
    logger,
  });
  const server = createServer(createTeamsRequestListener({ handle: async () => {} }, { fallback: withApiRoutes(api), logger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A finished (or, with fewer answers, unfinished) review, through the same use cases chat drives. */
async function review(place: ReviewPlace, name: string, answers = ANSWERS): Promise<string> {
  const { review: started } = await services.reviews.start(place, 'U1', name);
  for (const text of answers) await services.reviews.answer(started.id, 'U1', { text });
  return started.id;
}

// ---- the OpenAPI check: every response a test sees must match the document ----------------------------------

const document = openApiDocument('9.9.9') as {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
};
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const checked = new Set<string>();

function templateOf(path: string): string {
  const rest = path.replace(/^\/api\/v1/, '').split('?')[0]!;
  if (/^\/reviews\/[^/]+\/adr$/.test(rest)) return '/reviews/{id}/adr';
  if (/^\/reviews\/[^/]+$/.test(rest)) return '/reviews/{id}';
  return rest;
}

async function call(path: string, init: RequestInit & { token?: string | null; base?: string } = {}) {
  const { token = TOKEN, base = baseUrl, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(`${base}${path}`, { ...rest, headers });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const body: unknown = type.startsWith('application/json') ? JSON.parse(text) : text;
  const method = (rest.method ?? 'GET').toLowerCase();
  const operation = document.paths[templateOf(path)]?.[method];
  if (operation && res.status !== 405) {
    const response = operation.responses[String(res.status)];
    expect(response, `${method} ${path} ${res.status} is documented`).toBeDefined();
    const mediaType = type.split(';')[0]!;
    const schema = response!.content?.[mediaType]?.schema;
    expect(schema, `${method} ${path} ${res.status} ${mediaType} is documented`).toBeDefined();
    const validate = ajv.compile(schema!);
    expect(validate(body) ? [] : validate.errors, `${method} ${path} ${res.status} matches the OpenAPI schema`).toEqual([]);
    checked.add(`${method} ${templateOf(path)} ${res.status}`);
  }
  return { status: res.status, headers: res.headers, body: body as Record<string, unknown> & unknown[], text };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compute-advice-api-'));
  services = await createServices({ databasePath: join(dir, 'api.db') });
  ids.slackDone = await review({ platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadRef: '1712345678.000100' }, 'checkout-api');
  ids.slackOpen = await review(
    { platform: 'slack', workspaceId: 'T1', channelId: 'C2', threadRef: '1712345679.000100' },
    'half-done',
    ANSWERS.slice(0, 3),
  );
  ids.teamsDone = await review(
    { platform: 'teams', workspaceId: 'tenant-1', channelId: '19:abc@thread.tacv2', threadRef: '19:abc@thread.tacv2;messageid=42' },
    'billing-api',
  );
  // signed off, so the sign-off fields are checked against the OpenAPI document too
  await services.signOffs.request(ids.teamsDone, 'U1', ['U_APPROVER']);
  await services.signOffs.act(ids.teamsDone, 'U_APPROVER', 'approved', { note: 'fine by platform team' });
  baseUrl = await serve([TOKEN, OTHER_TOKEN]);
  offUrl = await serve([]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('read API: access', () => {
  it('is off without API_TOKENS: every path answers 404 api_off, with or without a token', async () => {
    for (const path of ['/api/v1/reviews', `/api/v1/reviews/${ids.slackDone}`, '/api/v1/openapi.json']) {
      const res = await call(path, { base: offUrl });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ code: 'api_off', message: 'the read API is off: set API_TOKENS to turn it on' });
    }
    expect((await call('/api/v1/evaluate', { base: offUrl, method: 'POST', body: JSON.stringify(PROFILE) })).status).toBe(404);
  });

  it('refuses a missing or wrong token with 401 and a Bearer challenge; either configured token works', async () => {
    const missing = await call('/api/v1/reviews', { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('unauthorized');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="compute-advice"');
    for (const wrong of ['nope', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      const res = await call('/api/v1/reviews', { token: wrong });
      expect(res.status, wrong).toBe(401);
      expect(res.body.code).toBe('invalid_token');
    }
    expect((await call('/api/v1/reviews', { headers: { authorization: `Basic ${TOKEN}` }, token: null })).status).toBe(401);
    expect((await call('/api/v1/reviews', { token: OTHER_TOKEN })).status).toBe(200);
    expect((await call(`/api/v1/reviews/${ids.slackDone}/adr`, { token: null })).status).toBe(401);
    expect((await call('/api/v1/evaluate', { token: 'wrong', method: 'POST', body: JSON.stringify(PROFILE) })).status).toBe(401);
  });

  it('answers unknown paths 404 and other methods 405 with Allow, as JSON', async () => {
    const unknown = await call('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    const wrongMethod = await call('/api/v1/reviews', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    expect(wrongMethod.body.code).toBe('method_not_allowed');
  });

  it('never logs a token, even when a request fails inside', async () => {
    const logger = pino({ level: 'trace' }, captureLog());
    const failing = safeApiHandler({
      records: {
        get: () => {
          throw new Error('disk on fire');
        },
        list: async () => [],
      },
      content: services.content,
      tokens: new BearerTokens([TOKEN]),
      version: '9.9.9',
      logger,
    });
    const server = createServer(withApiRoutes(failing));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const res = await call('/api/v1/reviews/r-x', { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 'internal_error', message: 'internal error' });
    expect(logLines.join('')).toContain('disk on fire');
    expect(logLines.join('')).not.toContain(TOKEN.slice(4));
  });
});

describe('read API: reviews', () => {
  it('lists reviews newest first, with what was recommended and decided', async () => {
    const res = await call('/api/v1/reviews');
    expect(res.status).toBe(200);
    const reviews = res.body.reviews as Array<Record<string, unknown>>;
    expect(reviews.map((r) => r.id)).toEqual([ids.teamsDone, ids.slackOpen, ids.slackDone]);
    expect(reviews[2]).toMatchObject({
      name: 'checkout-api',
      status: 'completed',
      recommended: 'containers',
      decision: null,
      signOff: 'not_requested',
    });
  });

  it('filters by status, workspace (or team), channel, platform, since and limit', async () => {
    const idsOf = async (query: string) =>
      ((await call(`/api/v1/reviews?${query}`)).body.reviews as Array<{ id: string }>).map((r) => r.id);
    expect(await idsOf('status=completed')).toEqual([ids.teamsDone, ids.slackDone]);
    expect(await idsOf('status=in_progress')).toEqual([ids.slackOpen]);
    expect(await idsOf('workspace=T1')).toEqual([ids.slackOpen, ids.slackDone]);
    expect(await idsOf('team=tenant-1')).toEqual([ids.teamsDone]);
    expect(await idsOf('channel=C1')).toEqual([ids.slackDone]);
    expect(await idsOf(`channel=${encodeURIComponent('19:abc@thread.tacv2')}&platform=teams`)).toEqual([ids.teamsDone]);
    expect(await idsOf('workspace=T1&status=completed')).toEqual([ids.slackDone]);
    expect(await idsOf('limit=1')).toEqual([ids.teamsDone]);
    expect(await idsOf('since=2000-01-01')).toHaveLength(3);
    expect(await idsOf(`since=${new Date(Date.now() + 3_600_000).toISOString()}`)).toEqual([]);
  });

  it('refuses bad filters with 400 naming the parameter and what is allowed', async () => {
    const message = async (query: string) => {
      const res = await call(`/api/v1/reviews?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_query');
      return res.body.message as string;
    };
    expect(await message('status=done')).toBe('status: got "done"; allowed: in_progress, completed, cancelled, expired');
    expect(await message('limit=0')).toBe('limit: must be 1 or more');
    expect(await message('limit=5000')).toBe('limit: must be at most 500');
    expect(await message('since=yesterday')).toMatch(/^since: must be a date \(2026-03-01\) or an ISO 8601 date-time/);
    expect(await message('colour=red')).toBe('(root): unknown field colour');
    expect(await message('status=completed&status=expired')).toBe('status: give it once');
    expect(await message('workspace=T1&team=T2')).toBe('team: workspace and team name the same thing: give one');
  });

  it('GET reviews/{id} gives the whole review; reviews/{id}/adr its MADR record; an unknown id 404', async () => {
    const res = await call(`/api/v1/reviews/${ids.slackDone}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: ids.slackDone, name: 'checkout-api', recordStatus: 'proposed', signOffs: [] });
    expect((res.body.answers as unknown[]).length).toBeGreaterThan(8);

    const signed = await call(`/api/v1/reviews/${ids.teamsDone}`);
    expect(signed.body).toMatchObject({
      signOff: 'approved',
      recordStatus: 'accepted',
      approvers: [{ approverId: 'U_APPROVER', requestedBy: 'U1', action: 'approved' }],
      signOffs: [{ approverId: 'U_APPROVER', action: 'approved', note: 'fine by platform team', lapsed: false }],
    });

    const adr = await call(`/api/v1/reviews/${ids.teamsDone}/adr`);
    expect(adr.status).toBe(200);
    expect(adr.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const frontMatter = parse(/^---\n([\s\S]*?)\n---\n/.exec(adr.text)![1]!) as Record<string, unknown>;
    expect(frontMatter.status).toBe('accepted');
    expect(adr.text).toContain('# Run billing-api on containers');
    expect(adr.text).toContain(
      '* Thread: <https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/42?parentMessageId=42&tenantId=tenant-1>',
    );

    for (const path of ['/api/v1/reviews/r-missing', '/api/v1/reviews/r-missing/adr']) {
      const missing = await call(path);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ code: 'not_found', message: 'no review with id r-missing' });
    }
  });
});

describe('read API: evaluate', () => {
  it('returns the recommendation for a profile and stores nothing', async () => {
    const before = (await services.store.reviews.listRecent(100)).length;
    const res = await call('/api/v1/evaluate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PROFILE),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recommended: 'faas', profile: { name: 'orders-api' } });
    expect(await services.store.reviews.listRecent(100)).toHaveLength(before);
  });

  it('refuses a bad profile (400, naming the field), a body over the limit (413) and one that is not JSON (415, 400)', async () => {
    const post = (body: string, type = 'application/json') =>
      call('/api/v1/evaluate', { method: 'POST', headers: { 'content-type': type }, body });
    const bad = await post(JSON.stringify({ ...PROFILE, traffic: 'spiky' }));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      code: 'invalid_profile',
      message: 'traffic: got "spiky"; allowed: steady, variable, bursty, sporadic, scheduled',
    });
    const big = await post(JSON.stringify({ ...PROFILE, name: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('body_too_large');
    expect((await post('name: orders-api', 'text/yaml')).status).toBe(415);
    const notJson = await post('{"name":');
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('invalid_body');
    expect((await post('[1,2]')).body.message).toBe('body must be a JSON object (a workload profile)');
  });
});

describe('read API: OpenAPI 3.1', () => {
  it('serves the document without a token; every operation and status seen above matched it', async () => {
    const res = await call('/api/v1/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ openapi: '3.1.0', info: { version: '9.9.9' } });
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) => Object.keys(op.responses).map((status) => `${method} ${path} ${status}`)),
    );
    // Every documented success was exercised and validated (errors share one schema, checked wherever they occurred).
    expect(operations.filter((op) => op.endsWith(' 200') && !checked.has(op))).toEqual([]);
    expect([...checked].filter((op) => !operations.includes(op))).toEqual([]);
    expect(checked.size).toBeGreaterThan(15);
  });

  it('the list parameters come from the validation schema', () => {
    const parameters = (document.paths['/reviews']!.get as unknown as { parameters: Array<{ name: string; schema: { enum?: string[] } }> })
      .parameters;
    expect(parameters.map((p) => p.name)).toEqual(['status', 'platform', 'workspace', 'team', 'channel', 'since', 'limit']);
    expect(parameters[0]!.schema.enum).toEqual(['in_progress', 'completed', 'cancelled', 'expired']);
  });
});

describe('read API on Slack alone', () => {
  it("rides on Bolt's HTTP receiver as custom routes beside /slack/events", async () => {
    const logger = pino({ level: 'silent' });
    const api = safeApiHandler({
      records: services.records,
      content: services.content,
      tokens: new BearerTokens([TOKEN]),
      version: '9.9.9',
      logger,
    });
    const { apiBoltRoutes } = await import('../../src/api/index.js');
    const slack = createSlackApp({
      config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET },
      services,
      logger,
      botId: 'B1',
      botUserId: 'U1',
      host: '127.0.0.1',
      customRoutes: apiBoltRoutes(api),
    });
    const { port } = await slack.start(0);
    try {
      const base = `http://127.0.0.1:${port}`;
      const list = await call('/api/v1/reviews?status=completed', { base });
      expect(list.status).toBe(200);
      expect((list.body.reviews as unknown[]).length).toBe(2);
      expect((await call('/api/v1/reviews', { base, token: 'wrong' })).status).toBe(401);
      expect((await call('/api/v1/unknown', { base })).body.code).toBe('not_found');
      // Slack's own endpoint still checks its signatures
      expect((await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(401);
    } finally {
      await slack.stop();
    }
  });
});

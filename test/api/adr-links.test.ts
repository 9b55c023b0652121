/**
 * ADR links: the signature and expiry (unit), and the route on every HTTP server the bot runs, over loopback: the
 * Slack HTTP receiver, the Teams server and the local playground (the Teams server with the playground behind it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adrLinkBoltRoutes, BearerTokens, createAdrLinkHandler, safeApiHandler, withAdrLinks, withApiRoutes } from '../../src/api/index.js';
import { adrFileName } from '../../src/app/adr-exports.js';
import { AdrLinkSigner, adrLinkSecret } from '../../src/app/adr-link-signer.js';
import { createServices, type Services } from '../../src/app/services.js';
import { createLogger } from '../../src/logger.js';
import { createPlaygroundHandler } from '../../src/playground/index.js';
import { createSlackApp } from '../../src/slack/index.js';
import { createTeamsBot } from '../../src/teams/teams-bot.js';
import { startTeamsServer } from '../../src/teams/teams-server.js';
import { STEADY_API_ANSWERS } from '../helpers/steady-api-answers.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../slack/helpers/slack-harness.js';

const SECRET = Buffer.from('a-test-secret-for-adr-links-0123456789', 'utf8');
const NOW = Date.UTC(2026, 11, 7, 9, 0, 0);

describe('AdrLinkSigner', () => {
  const signer = new AdrLinkSigner(SECRET);
  const expires = String(NOW / 1000 + 3600);
  const sig = signer.signature('r-1', Number(expires));

  it('accepts its own signature until the expiry, then says expired', () => {
    expect(signer.check('r-1', expires, sig, NOW)).toBe('valid');
    expect(signer.check('r-1', expires, sig, NOW + 3_599_999)).toBe('valid');
    expect(signer.check('r-1', expires, sig, NOW + 3_600_000)).toBe('expired');
  });

  it('refuses a signature moved to another review, a stretched expiry, a changed character, another key', () => {
    expect(signer.check('r-2', expires, sig, NOW)).toBe('invalid');
    expect(signer.check('r-1', String(Number(expires) + 86_400), sig, NOW)).toBe('invalid');
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect(signer.check('r-1', expires, flipped, NOW)).toBe('invalid');
    expect(signer.check('r-1', expires, sig.slice(0, -1), NOW)).toBe('invalid');
    expect(signer.check('r-1', expires, '', NOW)).toBe('invalid');
    expect(new AdrLinkSigner(Buffer.from('another-key-entirely-0123456789abcdef')).check('r-1', expires, sig, NOW)).toBe('invalid');
  });

  it('refuses an expiry that is not plain seconds, even an expired one with a forged signature', () => {
    for (const bad of ['', '1e9', '-5', '0x10', ' 123', '1234567890123']) expect(signer.check('r-1', bad, sig, NOW)).toBe('invalid');
    expect(signer.check('r-1', '1', 'forged', NOW)).toBe('invalid');
  });

  it('takes ADR_LINK_SECRET as the key, else derives one from the platform secret (not the secret itself), else random', () => {
    expect(adrLinkSecret({ linkSecret: 'x'.repeat(32), platformSecrets: ['slack'] }).toString('utf8')).toBe('x'.repeat(32));
    const derived = adrLinkSecret({ platformSecrets: [undefined, 'the-teams-password'] });
    expect(derived.equals(adrLinkSecret({ platformSecrets: ['the-teams-password'] }))).toBe(true);
    expect(derived.toString('utf8')).not.toContain('the-teams-password');
    expect(derived.length).toBe(32);
    expect(adrLinkSecret({ platformSecrets: [] }).equals(adrLinkSecret({ platformSecrets: [] }))).toBe(false);
  });

  it('names files after the workload, safely', () => {
    expect(adrFileName('Payments Webhooks!')).toBe('adr-payments-webhooks.md');
    expect(adrFileName('../../etc/passwd')).toBe('adr-etc-passwd.md');
    expect(adrFileName('ünïcode ☃')).toBe('adr-unicode.md');
    expect(adrFileName('☃')).toBe('adr-review.md');
  });
});

describe('ADR links on every HTTP server', () => {
  let dir: string;
  let services: Services;
  let clock = NOW;
  let publicUrl: string | undefined;
  let reviewId: string;
  const logger = createLogger({ level: 'silent' });
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'compute-advice-adr-links-'));
    services = await createServices({
      databasePath: join(dir, 'links.db'),
      clock: { now: () => clock },
      adrLinks: { secret: SECRET, ttlMs: 7 * 86_400_000, publicUrl: () => publicUrl },
    });
    const { review } = await services.reviews.start(
      { platform: 'slack', workspaceId: 'T1', channelId: 'C1', threadRef: '1712345678.000100' },
      'U1',
      'checkout-api',
    );
    for (const text of STEADY_API_ANSWERS) await services.reviews.answer(review.id, 'U1', { text });
    reviewId = review.id;
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const adrLinks = () => createAdrLinkHandler({ adrExports: services.adrExports, logger });
  const api = () =>
    safeApiHandler({ records: services.records, content: services.content, tokens: new BearerTokens([]), version: '0.0.0', logger });

  async function teamsServer(): Promise<string> {
    const server = await startTeamsServer({
      teams: { handle: async () => {} },
      port: 0,
      host: '127.0.0.1',
      logger,
      fallback: withAdrLinks(adrLinks(), withApiRoutes(api())),
    });
    stops.push(() => server.close());
    return server.url;
  }

  async function playgroundServer(): Promise<string> {
    const teams = createTeamsBot({ config: undefined, services, logger, localMode: true });
    const playground = createPlaygroundHandler({ services, logger });
    const server = await startTeamsServer({
      teams,
      port: 0,
      host: '127.0.0.1',
      logger,
      fallback: withAdrLinks(adrLinks(), withApiRoutes(api(), playground)),
    });
    stops.push(() => server.close());
    return server.url;
  }

  async function slackServer(): Promise<string> {
    const slack = createSlackApp({
      config: { botToken: TEST_BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET },
      services,
      logger,
      botId: 'B1',
      botUserId: 'U1',
      host: '127.0.0.1',
      customRoutes: adrLinkBoltRoutes(adrLinks()),
    });
    const { port } = await slack.start(0);
    stops.push(() => slack.stop());
    return `http://127.0.0.1:${port}`;
  }

  /** A link as the bot hands it out, pointing at `base`. */
  async function linkOn(base: string): Promise<URL> {
    publicUrl = base;
    const exported = await services.adrExports.prepare(reviewId);
    if (exported.kind !== 'ok' || !exported.link) throw new Error('expected a link');
    return new URL(exported.link.url);
  }

  for (const [name, start] of [
    ['the Slack HTTP receiver', slackServer],
    ['the Teams server', teamsServer],
    ['the playground', playgroundServer],
  ] as const) {
    it(`${name}: a signed link opens the record as Markdown without login; a wrong or expired one learns nothing`, async () => {
      clock = NOW;
      const base = await start();
      const link = await linkOn(base);
      expect(link.pathname).toBe(`/adr/${reviewId}.md`);
      expect(Number(link.searchParams.get('expires')) * 1000).toBe(NOW + 7 * 86_400_000);

      const opened = await fetch(link);
      expect(opened.status).toBe(200);
      expect(opened.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(opened.headers.get('cache-control')).toBe('private, no-store');
      expect(opened.headers.get('content-disposition')).toBe('inline; filename="adr-checkout-api.md"');
      const markdown = await opened.text();
      expect(markdown).toMatch(/^---\n/);
      expect(markdown).toContain('checkout-api');
      expect(markdown).toContain('## Decision Outcome');
      const head = await fetch(link, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');

      const tampered = new URL(link);
      tampered.searchParams.set('sig', `${link.searchParams.get('sig')!.slice(0, -2)}AA`);
      const stretched = new URL(link);
      stretched.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
      const other = new URL(link);
      other.pathname = '/adr/r-someoneelse.md';
      const unsigned = new URL(link);
      unsigned.search = '';
      for (const wrong of [tampered, stretched, other, unsigned, new URL('/adr/', base), new URL(`/adr/${reviewId}`, base)]) {
        const res = await fetch(wrong);
        expect(res.status, wrong.toString()).toBe(404);
        const body = await res.text();
        expect(body).not.toContain(reviewId);
        expect(body).not.toContain('checkout');
      }
      expect((await fetch(link, { method: 'POST' })).status).toBe(404);

      clock = NOW + 7 * 86_400_000;
      const expired = await fetch(link);
      expect(expired.status).toBe(410);
      expect(await expired.text()).not.toContain('checkout');
      clock = NOW;
    });
  }

  it('gives no link without a public address', async () => {
    publicUrl = undefined;
    const exported = await services.adrExports.prepare(reviewId);
    expect(exported).toMatchObject({ kind: 'ok', link: null, fileName: 'adr-checkout-api.md' });
    expect(await services.adrExports.prepare('r-missing')).toEqual({ kind: 'not_found' });
  });
});

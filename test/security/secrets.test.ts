/**
 * No token or secret reaches the logs: the Teams endpoint with auth on, hit with missing, forged and
 * secret-bearing credentials, and the logger fed the app's configuration in the shapes code tends to log it.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { ALEX, mentionActivity, startHarness, type Harness } from '../teams/helpers/teams-harness.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const APP_PASSWORD = 'Ms~AppPassword.SECRET-7f3a9c';
const BOT_TOKEN = 'xoxb-1111111111-2222222222-SECRETbotTOKEN';
const APP_TOKEN = 'xapp-1-A0SEC-3333333333-SECRETappTOKEN';
const SIGNING_SECRET = 'signing-SECRET-8e1d4b';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** JWT-shaped bearer tokens: a forged one (right audience, wrong key) and one from a foreign issuer. */
const FORGED_JWT = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'SECRETkid' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/', exp: 4102444800 })}.U0VDUkVUc2lnbmF0dXJl`;
const FOREIGN_JWT = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: 'https://attacker.example', aud: APP_ID })}.c2lnU0VDUkVU`;
const NONE_JWT = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, appid: APP_ID })}.`;

const SECRETS = [APP_PASSWORD, BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, FORGED_JWT, FOREIGN_JWT, NONE_JWT];

/** Every secret, token shape or JWT found in the log text. */
function leaks(text: string): string[] {
  const found = SECRETS.filter((s) => text.includes(s));
  // token shapes from anywhere, and each JWT's signature-less head (a token cut short still leaks it)
  for (const m of text.matchAll(/xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g))
    found.push(m[0]);
  for (const jwt of [FORGED_JWT, FOREIGN_JWT, NONE_JWT])
    if (text.includes(jwt.split('.').slice(0, 2).join('.'))) found.push(`head of ${jwt.slice(0, 20)}…`);
  return [...new Set(found)];
}

describe('the Teams endpoint with auth on', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ config: { appId: APP_ID, appPassword: APP_PASSWORD } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses missing, forged and secret-bearing credentials with 401, runs no turn and logs no secret', async () => {
    expect(h.teams.authEnabled).toBe(true);
    const activity = mentionActivity({
      serviceUrl: h.connector.serviceUrl,
      from: ALEX,
      text: `compute-advice leak ${BOT_TOKEN} ${APP_PASSWORD}`,
    });
    const cases: Array<[string, Record<string, string>]> = [
      ['no credentials', {}],
      ['a Slack bot token as bearer', { authorization: `Bearer ${BOT_TOKEN}` }],
      ['a Slack app token as bearer', { authorization: `Bearer ${APP_TOKEN}` }],
      ['the app password as bearer', { authorization: `Bearer ${APP_PASSWORD}` }],
      ['basic auth with the app password', { authorization: `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}` }],
      ['a forged JWT', { authorization: `Bearer ${FORGED_JWT}` }],
      ['a foreign-issuer JWT', { authorization: `Bearer ${FOREIGN_JWT}` }],
      ['an unsigned (alg none) JWT', { authorization: `Bearer ${NONE_JWT}` }],
      ['a JWT plus a Slack signature header', { authorization: `Bearer ${FORGED_JWT}`, 'x-slack-signature': `v0=${SIGNING_SECRET}` }],
    ];
    for (const [label, headers] of cases) {
      const res = await h.post(activity, headers);
      expect(res.status, label).toBe(401);
      expect(leaks(res.body), `${label}: response body`).toEqual([]);
    }
    expect(h.connector.calls).toEqual([]);
    expect(await h.services.store.reviews.listRecent(10)).toEqual([]);
    const log = h.logLines.join('');
    expect(log).toContain('teams request refused'); // the JWT-shaped ones were checked and logged as refused
    expect(leaks(log)).toEqual([]);
  });
});

function capture(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), text: () => lines.join('') };
}

describe('logging the configuration', () => {
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: APP_TOKEN,
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: APP_PASSWORD,
    DATABASE_PATH: ':memory:',
  };
  const config = loadConfig(env);

  it('redacts the platform sections and scrubs token shapes from messages and errors', () => {
    const { logger, text } = capture();
    logger.info({ slack: config.slack, teams: config.teams }, 'platforms');
    logger.info(config.slack!, 'slack merged');
    logger.info(config.teams!, 'teams merged');
    logger.child({ slack: config.slack }).info('child');
    logger.info({ req: { headers: { authorization: `Bearer ${FORGED_JWT}` } } }, 'request');
    logger.warn(`refused ${BOT_TOKEN} / ${APP_TOKEN} / Bearer ${FORGED_JWT}`);
    logger.error({ err: new Error(`invalid_auth ${BOT_TOKEN} with ${FOREIGN_JWT}`) }, 'call failed');
    expect(text()).toContain('[REDACTED]');
    expect(leaks(text())).toEqual([]);
  });

  it('redacts every secret when the whole config or env is logged', () => {
    const { logger, text } = capture();
    logger.info({ config }, 'config');
    logger.info(config, 'config merged');
    logger.info({ env }, 'env');
    logger.child({ config }).info('child');
    logger.error({ err: Object.assign(new Error('start failed'), { config }) }, 'error with config');
    logger.info('config %o', config);
    expect(leaks(text())).toEqual([]);
  });
});

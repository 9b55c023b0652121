import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';

const BOT_TOKEN = 'xoxb-1111-2222-abcdefSECRET';
const APP_TOKEN = 'xapp-1-A111-222-deadbeefSECRET';
const SIGNING_SECRET = 'signing-secret-value-SECRET';
const APP_PASSWORD = 'ms-app-password-SECRET';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJlU0VDUkVU';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'trace', destination }), output: () => lines.join('') };
}

describe('logger', () => {
  it('redacts token fields at every depth the app logs them', () => {
    const { logger, output } = capture();
    logger.info({ token: BOT_TOKEN, config: { botToken: BOT_TOKEN, appToken: APP_TOKEN, signingSecret: SIGNING_SECRET } }, 'start');
    logger.info({ teams: { appPassword: APP_PASSWORD }, MicrosoftAppPassword: APP_PASSWORD }, 'teams');
    logger.info({ req: { headers: { authorization: `Bearer ${JWT}` } } }, 'request');
    logger.info({ call: { args: { token: BOT_TOKEN } } }, 'nested');
    const text = output();
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, APP_PASSWORD, JWT]) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
  });

  it('scrubs token shapes from messages and errors', () => {
    const { logger, output } = capture();
    logger.error({ err: new Error(`invalid_auth for ${BOT_TOKEN}`) }, `call failed with ${APP_TOKEN}`);
    logger.warn(`Authorization: Bearer ${JWT}`);
    const text = output();
    for (const secret of [BOT_TOKEN, APP_TOKEN, JWT]) expect(text).not.toContain(secret);
    expect(text).toContain('invalid_auth');
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('review r-123 in C0123 by U0456')).toBe('review r-123 in C0123 by U0456');
  });
});

/**
 * The Teams endpoint at its edge, through the real CloudAdapter: malformed activities, text replies that quote what
 * someone typed, botbuilder's own console output, and the token signing keys (served on loopback and checked by
 * botbuilder's validation against real RS256 signatures), including a key endpoint that never answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTokenServer, type TokenServer } from './helpers/bot-framework-tokens.js';
import { ALEX, mentionActivity, personalActivity, startHarness, type Harness } from '../teams/helpers/teams-harness.js';

const APP_ID = '00000000-1111-4222-8333-444444444444';

let h: Harness | undefined;
let keys: TokenServer | undefined;
afterEach(async () => {
  await h?.close();
  await keys?.close();
  h = undefined;
  keys = undefined;
});

describe('malformed activities', () => {
  it('get 400 with one line naming the field, and run no turn', async () => {
    h = await startHarness();
    const good = mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, text: 'compute-advice payments' });
    const without = (field: string) => Object.fromEntries(Object.entries(good).filter(([key]) => key !== field));
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['no conversation', without('conversation'), /conversation: required/],
      ['a conversation without an id', { ...good, conversation: { conversationType: 'channel' } }, /conversation\.id: required/],
      ['no sender', without('from'), /from: required/],
      ['no type', without('type'), /type: required/],
      ['a serviceUrl that is not a URL', { ...good, serviceUrl: 'not a url' }, /serviceUrl: /],
      ['entities that are not a list', { ...good, entities: 'x' }, /entities: expected array, got "x"/],
    ];
    for (const [label, activity, problem] of cases) {
      const res = await h.post(activity);
      expect(res.status, label).toBe(400);
      expect(JSON.parse(res.body).error, label).toMatch(problem);
    }
    expect(h.connector.calls).toEqual([]);
    expect(await h.services.store.reviews.listRecent(10)).toEqual([]);
  });
});

describe('text replies', () => {
  it('never echo raw HTML: what someone typed shows as text', async () => {
    h = await startHarness();
    const hostile = '<img src=x onerror=alert(1)>';
    await h.post(
      personalActivity({
        serviceUrl: h.connector.serviceUrl,
        from: ALEX,
        conversationId: 'a:html-echo',
        text: `digest weekly mon 09:00 ${hostile}`,
      }),
    );
    const texts = h.connector.posted().map((c) => String(c.body.text ?? ''));
    expect(texts.join('\n')).toMatch(/is not an IANA time zone/);
    for (const text of texts) expect(text).not.toMatch(/<[a-z/!]/i);
    expect(texts.join('\n')).toContain('&lt;img');
  });
});

describe('the token signing keys', () => {
  it('a channel token signed with a published key is accepted by botbuilder against the keys on loopback', async () => {
    keys = await startTokenServer();
    h = await startHarness({ config: { appId: APP_ID, appPassword: 'test-password' }, bot: { openIdMetadataUrl: keys.metadataUrl } });
    // a conversationUpdate needs no reply, so no outbound token is fetched
    const update = {
      ...personalActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: 'a:keys' }),
      type: 'conversationUpdate',
    };
    const token = keys.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl });
    expect((await h.post(update, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(keys.requests).toBe(2); // the metadata, then the key set; cached after that
    expect((await h.post(update, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(keys.requests).toBe(2);
  });

  it('a token signed with another key under a known key id is refused with 401; botbuilder writes nothing to the console', async () => {
    keys = await startTokenServer();
    const written: unknown[][] = [];
    const original = { error: console.error, warn: console.warn };
    console.error = (...args: unknown[]) => void written.push(args);
    console.warn = (...args: unknown[]) => void written.push(args);
    try {
      h = await startHarness({ config: { appId: APP_ID, appPassword: 'test-password' }, bot: { openIdMetadataUrl: keys.metadataUrl } });
      const update = {
        ...personalActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: 'a:keys' }),
        type: 'conversationUpdate',
      };
      const forged = keys.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl }, { key: 'other' });
      const expired = keys.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl }, { expiresInSec: -3600 });
      expect((await h.post(update, { authorization: `Bearer ${forged}` })).status).toBe(401);
      expect((await h.post(update, { authorization: `Bearer ${expired}` })).status).toBe(401);
      await h.close();
      h = undefined;
    } finally {
      console.error = original.error;
      console.warn = original.warn;
    }
    expect(written).toEqual([]);
  });

  it('a key endpoint that never answers: the request is refused with 401 within the timeout, not held', async () => {
    keys = await startTokenServer();
    keys.hang();
    h = await startHarness({
      config: { appId: APP_ID, appPassword: 'test-password' },
      bot: { openIdMetadataUrl: keys.metadataUrl, openIdTimeoutMs: 500 },
    });
    const update = {
      ...personalActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: 'a:keys' }),
      type: 'conversationUpdate',
    };
    const started = performance.now();
    const res = await h.post(update, { authorization: `Bearer ${keys.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl })}` });
    expect(res.status).toBe(401);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(h.logLines.join('')).toMatch(/could not load the token signing keys/);
  });
});

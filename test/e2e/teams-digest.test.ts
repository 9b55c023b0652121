import { afterEach, describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { ALEX, cardText, mentionActivity, startHarness, type Harness } from '../teams/helpers/teams-harness.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Teams digest commands', () => {
  it('subscribes a channel, previews the digest as a valid card, and switches it off', async () => {
    h = await startHarness({ digests: true });
    const before = h.connector.calls.length;
    const res = await h.post(
      mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, text: 'compute-advice digest weekly monday 09:00 Europe/Berlin' }),
    );
    expect(res.status).toBe(200);
    const reply = h.connector.calls
      .slice(before)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(reply).toMatch(/Monday/i);
    const row = sqliteOf(h.services).prepare('SELECT weekday, time, time_zone, conversation_ref FROM digest_subscriptions').get() as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({ weekday: 1, time: '09:00', time_zone: 'Europe/Berlin' });
    expect(String(row.conversation_ref)).not.toContain(';messageid=');

    const mark = h.connector.calls.length;
    await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, text: 'compute-advice digest preview' }));
    const cards = h.connector.calls
      .slice(mark)
      .flatMap((c) => ((c.body as { attachments?: Array<{ content: unknown }> }).attachments ?? []).map((a) => a.content));
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cards.map(cardText).join(' ')).toMatch(/digest/i);

    await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, text: 'compute-advice digest off' }));
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 0 });
  });

  it('a bad digest command says what is allowed and stores nothing', async () => {
    h = await startHarness({ digests: true });
    const mark = h.connector.calls.length;
    await h.post(
      mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, text: 'compute-advice digest weekly someday 25:00 Mars/Base' }),
    );
    const reply = h.connector.calls
      .slice(mark)
      .map((c) => JSON.stringify(c.body))
      .join('\n');
    expect(reply.toLowerCase()).toMatch(/weekday|mon/);
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 0 });
  });
});

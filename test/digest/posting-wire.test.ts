/**
 * The scheduler posting over the real wire: @slack/web-api against the fake Slack Web API, and the Teams adapter's
 * proactive send against the fake Bot Connector (both from test/e2e), through the adapters' proactive outboxes as
 * main.ts wires them.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from '../../src/app/services.js';
import { createDigestScheduler } from '../../src/digest/digest-scheduler.js';
import { createLogger } from '../../src/logger.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { createSlackApp } from '../../src/slack/index.js';
import { createTeamsBot } from '../../src/teams/index.js';
import { FakeSlackApi } from '../e2e/fake-slack-api.js';
import { cardsOf, startFakeConnector, type FakeConnector } from '../e2e/fake-connector.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { DAY, HOUR, at, fakeClock, seedReview, subscribe, tempDir } from './helpers.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

async function services(clock: ReturnType<typeof fakeClock>) {
  const s = await createServices({ databasePath: path.join(tempDir(), 'wire.db'), clock });
  closers.push(() => s.close());
  return s;
}

describe('posting digests over the wire', () => {
  it('Slack: chat.postMessage on its own WebClient, a failure recorded and retried once', async () => {
    const api = await new FakeSlackApi().start();
    closers.push(() => api.stop());
    const clock = fakeClock('2026-11-23T08:00:00Z');
    const s = await services(clock);
    const digest = s.store;
    await subscribe(digest, { weekday: 1, time: '09:00', timeZone: 'Europe/Berlin' }, at('2026-11-01T00:00:00Z'));
    await seedReview(s.store, { name: '<!channel> payments', startedAt: clock.now() - 2 * DAY, completedAt: clock.now() - DAY });
    const stalled = await seedReview(s.store, {
      name: 'stalled-one',
      startedAt: clock.now() - 2 * DAY,
      lastActivityAt: clock.now() - 25 * HOUR,
    });

    // the Slack adapter's proactive outbox: a client of its own, never the one interactive replies use
    const slack = createSlackApp({
      config: { botToken: 'xoxb-test-token', signingSecret: 'secret', apiUrl: api.apiUrl },
      services: s,
      logger: createLogger({ level: 'silent' }),
    });
    const scheduler = createDigestScheduler({
      store: s.store,
      reviews: s.reviews,
      clock,
      instanceId: 'wire',
      retryDelayMs: 60_000,
      pacing: { slackMs: 0 },
      logger: createLogger({ level: 'silent' }),
      outboxes: { slack: slack.proactive },
    });
    api.fail('chat.postMessage', { slackError: 'ratelimited', times: 1 });
    // one lane per channel: the digest goes first and meets the injected failure, the nudge follows
    expect(await scheduler.tick()).toMatchObject({ digestsPosted: 0, digestsFailed: 1, nudgesPosted: 1 });
    clock.advance(60_000);
    expect(await scheduler.tick()).toMatchObject({ digestsPosted: 1, digestsFailed: 0, nudgesPosted: 0 });

    const posted = api.ok('chat.postMessage');
    const digestCall = posted.find((c) => c.params.thread_ts === undefined);
    const nudgeCall = posted.find((c) => c.params.thread_ts !== undefined);
    expect(digestCall?.params).toMatchObject({ channel: 'C0CHAN1', unfurl_links: false, unfurl_media: false });
    const blocks = digestCall!.params.blocks as unknown[];
    expect(checkBlockKitLimits({ text: String(digestCall!.params.text), blocks }, 'message')).toEqual([]);
    expect(JSON.stringify(blocks)).toContain('&lt;!channel&gt; payments');
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
    expect(digestCall!.authorized).toBe(true);
    expect(nudgeCall?.params).toMatchObject({ channel: 'C0CHAN1', thread_ts: stalled.threadRef });
    expect(await digest.runs.listForWeeks(['2026-W48'])).toMatchObject([{ postedAt: clock.now(), attempts: 2 }]);
  });

  it('Teams: a proactive Adaptive Card to the stored channel reference', async () => {
    const connector: FakeConnector = await startFakeConnector();
    closers.push(() => connector.close());
    const clock = fakeClock('2026-11-23T08:00:00Z');
    const s = await services(clock);
    const digest = s.store;
    const channelId = '19:design@thread.tacv2';
    const conversationRef = {
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
      bot: { id: '28:compute-advice', name: 'compute-advice' },
    };
    await subscribe(
      digest,
      { platform: 'teams', workspaceId: 'tenant-1', channelId, weekday: 1, time: '09:00', timeZone: 'Europe/Berlin', conversationRef },
      at('2026-11-01T00:00:00Z'),
    );
    await seedReview(s.store, {
      name: '<at>everyone</at> ledger',
      platform: 'teams',
      workspaceId: 'tenant-1',
      channelId,
      threadRef: `${channelId};messageid=1`,
      startedAt: clock.now() - 2 * DAY,
      completedAt: clock.now() - DAY,
    });
    const thread = `${channelId};messageid=1763000000001`;
    const stalled = await s.store.reviews.create({
      platform: 'teams',
      workspaceId: 'tenant-1',
      channelId,
      threadRef: thread,
      requesterId: 'alex',
      workloadName: 'image-resizer',
      conversationRef: { ...conversationRef, conversation: { ...conversationRef.conversation, id: thread } },
      at: clock.now() - 25 * HOUR,
    });
    const teams = createTeamsBot({ config: undefined, services: s, logger: createLogger({ level: 'silent' }) });
    const scheduler = createDigestScheduler({
      store: s.store,
      reviews: s.reviews,
      clock,
      instanceId: 'wire',
      pacing: { teamsMs: 0 },
      outboxes: { teams: teams.proactive },
    });
    expect(await scheduler.tick()).toMatchObject({ digestsPosted: 1, digestsFailed: 0, nudgesPosted: 1 });
    const nudge = connector.posted().find((c) => c.conversationId === thread);
    expect(JSON.stringify(cardsOf(nudge!.body))).toContain('image-resizer');
    expect((await s.store.reviews.get(stalled.id))!.lastActivityAt).toBe(stalled.lastActivityAt); // a nudge is not activity
    const call = connector.posted().find((c) => c.conversationId === channelId);
    expect(call).toMatchObject({ method: 'POST', conversationId: channelId });
    const [card] = cardsOf(call!.body);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Weekly compute digest');
    expect(JSON.stringify(card)).not.toMatch(/<at>/);
  });
});

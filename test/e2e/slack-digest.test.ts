import { afterEach, describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { runCommand } from '../slack/helpers/interview-driver.js';
import { FakeSlackApi } from './fake-slack-api.js';
import { TEAM_ID, newChannelId } from '../slack/helpers/slack-payloads.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';
import { DAY, recordSignOff, seedReview } from '../digest/helpers.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack digest commands', () => {
  it('subscribes a channel, previews to the asker only within Block Kit limits, and switches it off', async () => {
    h = await startSlackHarness();
    const channel = newChannelId();
    const res = await runCommand(h, 'digest weekly fri 16:30 America/New_York', { user: 'UADMIN', channel });
    expect(res.status).toBe(200);
    const row = sqliteOf(h.services)
      .prepare('SELECT platform, workspace_id, channel_id, weekday, time, time_zone FROM digest_subscriptions')
      .get();
    expect(row).toEqual({
      platform: 'slack',
      workspace_id: TEAM_ID,
      channel_id: channel,
      weekday: 5,
      time: '16:30',
      time_zone: 'America/New_York',
    });

    const before = h.api.calls.length;
    await runCommand(h, 'digest preview', { user: 'UALICE', channel });
    const preview = h.api.calls.slice(before);
    expect(preview.some((c) => c.method === 'chat.postMessage')).toBe(false);
    const ephemeral = preview.filter((c) => c.method === 'response_url' || c.method === 'chat.postEphemeral');
    expect(ephemeral.length).toBeGreaterThan(0);
    for (const call of ephemeral) {
      const body = call.params as { text?: string; blocks?: unknown[] };
      expect(checkBlockKitLimits({ text: body.text ?? '', blocks: body.blocks ?? [] }, 'message')).toEqual([]);
    }

    // Not an admin: refused, the subscription stays.
    await runCommand(h, 'digest off', { user: 'UALICE', channel });
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 1 });
    await runCommand(h, 'digest off', { user: 'UADMIN', channel });
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 0 });
  });

  it('authorization follows the parsed command: a non-admin stops no digest with any verb the parser accepts', async () => {
    h = await startSlackHarness();
    const channel = newChannelId();
    await runCommand(h, 'digest weekly mon 09:00 UTC', { user: 'UADMIN', channel });
    const stored = () => sqliteOf(h!.services).prepare('SELECT weekday, scope FROM digest_subscriptions').all();
    expect(stored()).toEqual([{ weekday: 1, scope: 'channel' }]);
    for (const text of ['digest stop', 'digest   STOP', 'digest off', 'digest weekly fri 17:00 UTC']) {
      const before = h.api.calls.length;
      await runCommand(h, text, { user: 'UALICE', channel });
      expect(stored(), text).toEqual([{ weekday: 1, scope: 'channel' }]);
      const told = JSON.stringify(h.api.calls.slice(before).map((c) => c.params));
      expect(told, text).toMatch(/Only workspace admins, team owners and people on the bot's admin list/);
    }
  });

  it('a workspace digest goes only to a public channel, and lists only reviews started in public channels', async () => {
    const api = await new FakeSlackApi({
      adminUserIds: ['UADMIN'],
      botUserId: 'UBOT',
      botId: 'BBOT',
      privateChannels: ['C0PRIVATE'],
    }).start();
    try {
      h = await startSlackHarness({ api });
      // a review in a DM and one in a private channel: their members only
      await runCommand(h, 'secret-dm-review', { user: 'UALICE', channel: 'D0ALICE' });
      await runCommand(h, 'secret-private-review', { user: 'UALICE', channel: 'C0PRIVATE' });
      const publicChannel = newChannelId();
      await runCommand(h, 'open-public-review', { user: 'UALICE', channel: publicChannel });
      // an admin cannot point a workspace digest at a DM or a private channel
      for (const channel of ['D0ADMIN', 'C0PRIVATE']) {
        const before = h.api.calls.length;
        await runCommand(h, 'digest weekly mon 09:00 UTC workspace', { user: 'UADMIN', channel });
        expect(JSON.stringify(h.api.calls.slice(before).map((c) => c.params)), channel).toMatch(
          /A workspace digest goes only to a channel/,
        );
      }
      expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 0 });
      await runCommand(h, 'digest weekly mon 09:00 UTC workspace', { user: 'UADMIN', channel: publicChannel });
      expect(sqliteOf(h.services).prepare('SELECT scope, audience FROM digest_subscriptions').get()).toEqual({
        scope: 'workspace',
        audience: 'workspace',
      });
      const reviews = sqliteOf(h.services).prepare('SELECT workload_name AS name, audience FROM reviews ORDER BY workload_name').all();
      expect(reviews).toEqual([
        { name: 'open-public-review', audience: 'workspace' },
        { name: 'secret-dm-review', audience: null },
        { name: 'secret-private-review', audience: null },
      ]);
    } finally {
      await h?.close();
      h = undefined;
      await api.stop();
    }
  });

  it('a bad time zone is named in the reply and nothing is stored', async () => {
    h = await startSlackHarness();
    const channel = newChannelId();
    const before = h.api.calls.length;
    await runCommand(h, 'digest weekly mon 09:00 Mars/Olympus', { user: 'UADMIN', channel });
    const reply = JSON.stringify(h.api.calls.slice(before).map((c) => c.params));
    expect(reply).toContain('Mars/Olympus');
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 0 });
  });

  it('the preview lists pending sign-offs, approvals of the week and decisions for another model than recommended', async () => {
    h = await startSlackHarness();
    const channel = newChannelId();
    const { store } = h.services;
    const now = Date.now();
    const pending = await seedReview(store, {
      name: 'ledger-sync',
      channelId: channel,
      workspaceId: TEAM_ID,
      startedAt: now - 3 * DAY,
      completedAt: now - 2 * DAY,
    });
    await store.signoffs.request(pending.id, 'UBOB', 'UALICE', now - 2 * DAY);
    const approved = await seedReview(store, {
      name: 'search-api',
      channelId: channel,
      workspaceId: TEAM_ID,
      startedAt: now - 3 * DAY,
      completedAt: now - 2 * DAY,
    });
    await store.signoffs.request(approved.id, 'UCAROL', 'UALICE', now - 2 * DAY);
    await recordSignOff(store, approved.id, 'UCAROL', 'approved', now - DAY);
    await seedReview(store, {
      name: 'nightly-etl',
      channelId: channel,
      workspaceId: TEAM_ID,
      startedAt: now - 3 * DAY,
      completedAt: now - 2 * DAY,
      recommended: 'faas',
      decisions: [{ chosen: 'containers', against: false, at: now - DAY }],
    });

    const before = h.api.calls.length;
    await runCommand(h, 'digest preview', { user: 'UALICE', channel });
    const told = h.api.calls.slice(before).find((c) => c.method === 'response_url' || c.method === 'chat.postEphemeral')!;
    const body = told.params as { text?: string; blocks?: Array<{ text?: { text?: string } }> };
    expect(checkBlockKitLimits({ text: body.text ?? '', blocks: body.blocks ?? [] }, 'message')).toEqual([]);
    const texts = (body.blocks ?? []).map((b) => b.text?.text ?? '');
    expect(texts.find((x) => x.startsWith('*Waiting for sign-off*'))).toMatch(
      /^\*Waiting for sign-off\* \(1\)\n• <[^|]+\|ledger-sync>: 1 approver still to act, asked 2 days ago$/,
    );
    expect(texts.find((x) => x.startsWith('*Approved this week*'))).toMatch(/\|search-api>: approved by <@UCAROL>$/);
    expect(texts.find((x) => x.startsWith('*Decided other than recommended*'))).toMatch(
      /\|nightly-etl>: chose containers; recommended was functions \(FaaS\)$/,
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { runCommand } from '../slack/helpers/interview-driver.js';
import { TEAM_ID, newChannelId } from '../slack/helpers/slack-payloads.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

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

  it('a bad time zone is named in the reply and nothing is stored', async () => {
    h = await startSlackHarness();
    const channel = newChannelId();
    const before = h.api.calls.length;
    await runCommand(h, 'digest weekly mon 09:00 Mars/Olympus', { user: 'UADMIN', channel });
    const reply = JSON.stringify(h.api.calls.slice(before).map((c) => c.params));
    expect(reply).toContain('Mars/Olympus');
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM digest_subscriptions').get()).toEqual({ n: 0 });
  });
});

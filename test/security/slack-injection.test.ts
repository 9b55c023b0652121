/**
 * The injection corpus through the real Slack HTTP receiver (Bolt, signed requests, fake Web API): corpus text in
 * slash commands, @-mentions, thread replies and digest commands, as Slack sends it (entity-encoded) and raw.
 * Everything the bot sent must be inert mrkdwn, posted without unfurling, and the logs must hold no token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../e2e/fake-slack-api.js';
import { completeInterview, replyInThread, runCommand } from '../slack/helpers/interview-driver.js';
import { messageCalls, postsWithUnfurling } from '../slack/helpers/sent-messages.js';
import { startSlackHarness, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { appMentionEvent, BOT_USER_ID, eventEnvelope, newChannelId, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import { blockKitProblems } from './helpers/inert.js';
import { INJECTION_CORPUS } from './injection-corpus.js';

let h: SlackHarness;
const channels = new Set<string>();
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

/** How Slack delivers typed text: `&`, `<`, `>` as entities (mention tokens it created itself stay raw). */
const encoded = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function channel(): string {
  const id = newChannelId();
  channels.add(id);
  return id;
}

/** Live tokens our code may build: mentions of the (validated) test users and the bot, links to our own threads. */
function allowedTokens(): RegExp[] {
  const ids = [...channels].join('|');
  return [
    /<@U0SEC\d+>/,
    new RegExp(`<@${BOT_USER_ID}>`),
    new RegExp(`<https://slack\\.com/archives/(?:${ids})/p\\d+\\|[^<>]*>`),
    new RegExp(`<#(?:${ids})>`),
  ];
}

function problemsIn(calls: RecordedCall[]): string[] {
  const allowed = allowedTokens();
  return calls.flatMap((call) => {
    const view = call.params.view as { blocks?: unknown } | undefined;
    const message = view ? { blocks: view.blocks } : { text: call.params.text, blocks: call.params.blocks };
    return blockKitProblems(message, allowed).map((p) => `${call.method}: ${p}`);
  });
}

describe('Slack endpoint with the injection corpus', () => {
  it.each(INJECTION_CORPUS.map((e, i) => [e.id, e, i] as const))(
    '%s: commands, mentions and thread replies stay inert',
    async (_id, entry, i) => {
      const user = `U0SEC${i}`;
      const from = h.api.calls.length;
      // as Slack sends typed text (entity-encoded), then raw (mention and link tokens as Slack itself would write them)
      for (const text of [encoded(entry.text), entry.text]) {
        const where = { user, channel: channel() };
        expect((await runCommand(h, text, where)).status).toBe(200);
        const review = (await h.services.store.reviews.listForUser('slack', TEAM_ID, user, 1))[0];
        if (text !== entry.text && review && review.channelId === where.channel) {
          for (const reply of [encoded(entry.text), entry.text])
            await replyInThread(h, { user, channel: where.channel, threadTs: review.threadRef!, text: reply });
          await runCommand(h, `cancel ${review.id}`, where);
          await runCommand(h, `digest weekly mon 09:00 ${text}`, where);
        }
        await runCommand(h, `digest ${text}`, where);
        const mentionChannel = channel();
        expect(
          (await h.send.event(eventEnvelope(appMentionEvent({ user, channel: mentionChannel, text: `<@${BOT_USER_ID}> ${text}` })))).status,
        ).toBe(200);
        await h.slack.whenIdle();
      }
      await runCommand(h, 'list', { user, channel: channel() });
      const calls = messageCalls(h.api).filter((c) => h.api.calls.indexOf(c) >= from);
      expect(calls.length).toBeGreaterThan(0);
      expect(problemsIn(calls)).toEqual([]);
    },
  );

  it('whole interviews named with corpus text end in inert cards, posted without unfurling', async () => {
    for (const id of ['combo-controls', 'slack-link', 'markdown-link', 'entities-double', 'teams-at']) {
      const entry = INJECTION_CORPUS.find((e) => e.id === id)!;
      const user = `U0SEC9${INJECTION_CORPUS.indexOf(entry)}`;
      const where = { user, channel: channel() };
      const from = h.api.calls.length;
      await runCommand(h, encoded(entry.text), where);
      const review = (await h.services.store.reviews.listForUser('slack', TEAM_ID, user, 1))[0]!;
      await completeInterview(h, review.id, user, (turn) => (turn % 2 === 0 ? 'click' : 'type'));
      expect((await h.services.store.reviews.get(review.id))!.status).toBe('completed');
      const calls = messageCalls(h.api).filter((c) => h.api.calls.indexOf(c) >= from);
      expect(calls.some((c) => JSON.stringify(c.params).includes('rec_actions'))).toBe(true); // the card was posted
      expect(problemsIn(calls)).toEqual([]);
    }
    expect(postsWithUnfurling(h.api)).toEqual([]);
  });

  it('a 100-character name typed in Slack still ends in a recommendation', async () => {
    const user = 'U0SECLONG';
    const where = { user, channel: channel() };
    await runCommand(h, 'n'.repeat(100), where);
    const review = (await h.services.store.reviews.listForUser('slack', TEAM_ID, user, 1))[0]!;
    await completeInterview(h, review.id, user);
    expect((await h.services.store.reviews.get(review.id))!.status).toBe('completed');
  });

  it('logs one JSON object per line, with no token, secret or raw control character', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    const all = h.logs.join('');
    expect(all).not.toContain(TEST_BOT_TOKEN);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
    expect(all).not.toMatch(/xox[abposr]-|xapp-/);
    for (const line of h.logs) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});

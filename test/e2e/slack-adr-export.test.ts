/**
 * "Export ADR" on the Slack card, end to end over loopback: the real Bolt receiver with signed requests, the fake
 * Web API (files.getUploadURLExternal, the upload, files.completeUploadExternal, missing_scope), and the link served by
 * the same receiver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from './fake-slack-api.js';
import { clickAction, completeInterview, latestReviewOf, postedMessage, runCommand } from '../slack/helpers/interview-driver.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { BOT_ID, BOT_USER_ID, newChannelId, TEAM_ID } from '../slack/helpers/slack-payloads.js';

type Obj = Record<string, unknown>;

const harnesses: SlackHarness[] = [];
const apis: FakeSlackApi[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const api of apis.splice(0)) await api.stop();
});

async function harness(options: { publicUrl: boolean; withoutScopes?: string[] }): Promise<SlackHarness> {
  const api = await new FakeSlackApi({ botUserId: BOT_USER_ID, botId: BOT_ID, withoutScopes: options.withoutScopes ?? [] }).start();
  apis.push(api);
  const h = await startSlackHarness({ api, publicUrl: options.publicUrl });
  harnesses.push(h);
  return h;
}

/** A finished review, and a click on its card's "Export ADR" by `clicker`. */
async function exportFromCard(h: SlackHarness, clicker = 'UBOB') {
  const channel = newChannelId();
  await runCommand(h, 'checkout-api', { user: 'UALICE', channel });
  const review = await latestReviewOf(h, TEAM_ID, 'UALICE');
  await completeInterview(h, review.id, 'UALICE');
  const cardTs = (await h.services.store.messages.get(review.id, 'card'))!.messageRef;
  const actions = (postedMessage(h, cardTs).params.blocks as Obj[]).find((b) => b.block_id === 'rec_actions') as { elements: Obj[] };
  const button = actions.elements.find((e) => e.action_id === 'ca_export_adr');
  expect(button).toMatchObject({ type: 'button', text: { text: 'Export ADR' } });
  const postsBefore = h.api.ok('chat.postMessage').length;
  await clickAction(h, {
    user: clicker,
    channel,
    messageTs: cardTs,
    threadTs: review.threadRef,
    action: { type: 'button', action_id: 'ca_export_adr', block_id: 'rec_actions', value: button!.value },
  });
  await h.slack.whenIdle();
  const ephemerals = h.api.ok('chat.postEphemeral', (p) => p.user === clicker);
  expect(ephemerals).toHaveLength(1);
  const reply = (ephemerals[0]!.params.blocks as Array<{ text?: { text?: string } }>).map((b) => b.text?.text ?? '').join('\n');
  // nothing about the export is posted where others see it, but the file
  expect(h.api.ok('chat.postMessage').length).toBe(postsBefore);
  return { review, channel, reply };
}

/** The link in a reply's mrkdwn, `<url|label>` with & escaped as Slack wants it. */
function linkIn(reply: string): string {
  const match = /<(http:\/\/127\.0\.0\.1:\d+\/adr\/[^|>]+)\|Open the ADR \(Markdown\)>/.exec(reply);
  if (!match) throw new Error(`no ADR link in ${reply}`);
  return match[1]!.replace(/&amp;/g, '&');
}

describe('Slack: Export ADR', () => {
  it('tells the clicker a signed link served by the bot, and uploads the record into the review thread', async () => {
    const h = await harness({ publicUrl: true });
    const { review, channel, reply } = await exportFromCard(h);

    const [asked] = h.api.ok('files.getUploadURLExternal');
    expect(asked!.params).toMatchObject({ filename: 'adr-checkout-api.md' });
    const fileId = String(asked!.response?.file_id);
    const uploaded = h.api.uploadedBody(fileId);
    expect(uploaded).toContain('## Decision Outcome');
    expect(Number(asked!.params.length)).toBeGreaterThan(200);
    const [completed] = h.api.ok('files.completeUploadExternal');
    expect(completed!.params).toMatchObject({
      channel_id: channel,
      thread_ts: review.threadRef,
      files: [{ id: fileId, title: 'ADR: checkout-api' }],
    });

    expect(reply).toContain('attached the record');
    const link = linkIn(reply);
    const served = await fetch(link);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const markdown = await served.text();
    expect(markdown).toMatch(/^---\n/);
    expect(uploaded).toContain(markdown.split('\n').find((line) => line.startsWith('# '))!);
  });

  it('without files:write, falls back to the link alone and says how to get the file too', async () => {
    const h = await harness({ publicUrl: true, withoutScopes: ['files:write'] });
    const { reply } = await exportFromCard(h);
    const asked = h.api.calls.filter((c) => c.method === 'files.getUploadURLExternal');
    expect(asked.map((c) => c.response?.error)).toEqual(['missing_scope']);
    expect(h.api.calls.filter((c) => c.method === 'file_upload' || c.method === 'files.completeUploadExternal')).toEqual([]);
    expect(reply).toContain('files:write');
    expect((await fetch(linkIn(reply))).status).toBe(200);
  });

  it('without PUBLIC_URL, says so instead of giving a broken link (the file still goes in the thread)', async () => {
    const h = await harness({ publicUrl: false });
    const { reply } = await exportFromCard(h);
    expect(reply).toContain('PUBLIC_URL');
    expect(reply).not.toContain('/adr/');
    expect(h.api.ok('files.completeUploadExternal')).toHaveLength(1);
  });
});

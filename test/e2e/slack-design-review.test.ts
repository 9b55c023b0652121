import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickAction,
  completeInterview,
  latestReviewOf,
  postedMessage,
  replyInThread,
  runCommand,
} from '../slack/helpers/interview-driver.js';
import { blockKitProblems, liveBroadcastMentions, postsWithUnfurling } from '../slack/helpers/sent-messages.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import {
  appMentionEvent,
  BOT_ID,
  BOT_USER_ID,
  eventEnvelope,
  messageEvent,
  newChannelId,
  TEAM_ID,
  userTs,
} from '../slack/helpers/slack-payloads.js';

type Obj = Record<string, unknown>;

let h: SlackHarness;
beforeAll(async () => {
  // UADMIN is an admin per users.info (fake); UROOT is on ADMIN_USER_IDS
  h = await startSlackHarness({ adminUserIds: ['UROOT'] });
});
afterAll(async () => {
  await h?.close();
});

async function post(event: Obj, eventId?: string, headers?: Record<string, string>) {
  const res = await h.send.event(eventEnvelope(event, eventId), headers ? { headers } : {});
  expect(res.status).toBe(200);
  await h.slack.whenIdle();
}

function offersIn(channel: string) {
  return h.api.ok('chat.postMessage', (p) => p.channel === channel && JSON.stringify(p.blocks ?? '').includes('ca_start_review'));
}

describe('Slack: design-review channels', () => {
  it('a non-admin cannot switch design-review on', async () => {
    const channel = newChannelId();
    await runCommand(h, 'channel design-review on', { user: 'UBOB', channel });
    expect(await h.services.store.channels.get('slack', TEAM_ID, channel)).toBeUndefined();
    const refusal = h.api.ok('response_url').pop();
    expect(String(refusal?.params.text)).toContain('Only workspace admins');
    expect(refusal?.params.response_type).toBe('ephemeral');
  });

  it('offers a review once under a top-level proposal, never under bot messages, thread replies or unrelated posts', async () => {
    const channel = newChannelId();
    await runCommand(h, 'channel design-review on', { user: 'UADMIN', channel });
    expect((await h.services.store.channels.get('slack', TEAM_ID, channel))?.designReview).toBe(true);

    const proposalTs = userTs();
    const proposal = messageEvent({ user: 'UBOB', channel, ts: proposalTs, text: 'RFC: new service for payments webhooks' });
    await post(proposal);
    expect(offersIn(channel)).toHaveLength(1);
    const offer = offersIn(channel)[0]!;
    expect(offer.params.thread_ts).toBe(proposalTs);

    // the same message again (a new event id, e.g. an edit-free re-delivery): no second offer
    await post(proposal);
    // bot messages, subtypes, thread replies and non-matching messages: none
    await post(messageEvent({ channel, botId: 'BOTHER', text: 'Architecture proposal from a bot' }));
    await post(messageEvent({ user: 'UBOB', channel, subtype: 'channel_join', text: 'joined: design proposal' }));
    await post(messageEvent({ user: 'UBOB', channel, threadTs: proposalTs, text: 'design question in a thread' }));
    await post(messageEvent({ user: 'UBOB', channel, text: 'lunch anyone? we redesigned the menu' }));
    expect(offersIn(channel)).toHaveLength(1);

    // clicking it starts the review in that thread and removes the button
    const button = ((offer.params.blocks as Obj[]).find((b) => b.type === 'actions')!.elements as Obj[])[0]!;
    await clickAction(h, {
      user: 'UCAT',
      channel,
      messageTs: offer.response!.ts as string,
      threadTs: proposalTs,
      action: { type: 'button', action_id: 'ca_start_review', block_id: 'design_review_offer', value: button.value },
    });
    await h.slack.whenIdle();
    const review = await latestReviewOf(h, TEAM_ID, 'UCAT');
    expect(review.threadRef).toBe(proposalTs);
    expect(review.workloadName).toBe('RFC: new service for payments webhooks');
    expect(await h.services.store.messages.get(review.id, 'question', 'workload_kind')).toBeDefined();
    const taken = h.api.ok('chat.update', (p) => p.ts === offer.response!.ts).pop();
    expect(JSON.stringify(taken?.params.blocks)).not.toContain('ca_start_review');
    // a second click does not start a second review
    await clickAction(h, {
      user: 'UDAN',
      channel,
      messageTs: offer.response!.ts as string,
      threadTs: proposalTs,
      action: { type: 'button', action_id: 'ca_start_review', block_id: 'design_review_offer', value: button.value },
    });
    await h.slack.whenIdle();
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UDAN', 5)).toHaveLength(0);
  });

  it('uses the channel keywords, and a channel switched off gets no offers', async () => {
    const channel = newChannelId();
    await runCommand(h, 'channel design-review on capacity plan, migration', { user: 'UROOT', channel });
    expect((await h.services.store.channels.get('slack', TEAM_ID, channel))?.keywords).toEqual(['capacity plan', 'migration']);
    await post(messageEvent({ user: 'UBOB', channel, text: 'Design for the new thing' }));
    expect(offersIn(channel)).toHaveLength(0);
    await post(messageEvent({ user: 'UBOB', channel, text: 'Capacity plan for Q3' }));
    expect(offersIn(channel)).toHaveLength(1);

    await runCommand(h, 'channel design-review off', { user: 'UROOT', channel });
    expect((await h.services.store.channels.get('slack', TEAM_ID, channel))?.designReview).toBe(false);
    await post(messageEvent({ user: 'UBOB', channel, text: 'Migration plan v2' }));
    expect(offersIn(channel)).toHaveLength(1);

    const never = newChannelId();
    await post(messageEvent({ user: 'UBOB', channel: never, text: 'RFC: architecture proposal' }));
    expect(offersIn(never)).toHaveLength(0);
  });
});

describe('Slack: mentions', () => {
  it('a mention starts a review in that message thread, named after the rest of the message', async () => {
    const channel = newChannelId();
    const ts = userTs();
    await post(appMentionEvent({ user: 'UEVE', channel, ts, text: `<@${BOT_USER_ID}> search-indexer` }));
    const review = await latestReviewOf(h, TEAM_ID, 'UEVE');
    expect(review.threadRef).toBe(ts);
    expect(review.workloadName).toBe('search-indexer');
    const posts = h.api.ok('chat.postMessage', (p) => p.channel === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.params.thread_ts).toBe(ts);
    // a reply in that thread that mentions the bot is an answer, not a second review
    await post(appMentionEvent({ user: 'UEVE', channel, threadTs: ts, text: `<@${BOT_USER_ID}> 1` }));
    await replyInThread(h, { user: 'UEVE', channel, threadTs: ts, text: `<@${BOT_USER_ID}> 1` });
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UEVE', 5)).toHaveLength(1);
    expect(Object.keys(await h.services.store.answers.current(review.id))).toEqual(['workload_kind']);
  });

  it('never posts a live broadcast mention from user text (workload names, answers, mentions)', async () => {
    const channel = newChannelId();
    // a workload name with broadcast mentions and markup, by command
    await runCommand(h, 'pwn <!channel> <!here> @everyone *bold* <https://evil.example|click>', { user: 'UFAY', channel });
    const review = await latestReviewOf(h, TEAM_ID, 'UFAY');
    expect(review.workloadName).toContain('<!channel>');
    // answers with them, typed in the thread (rejected and accepted ones)
    await replyInThread(h, { user: 'UFAY', channel, threadTs: review.threadRef!, text: '<!channel> <!here>' });
    await completeInterview(h, review.id, 'UFAY');
    // and by mention
    const mentionChannel = newChannelId();
    await post(appMentionEvent({ user: 'UGIL', channel: mentionChannel, text: `<@${BOT_USER_ID}> <!everyone> <!subteam^S123> ping` }));
    const mentioned = await latestReviewOf(h, TEAM_ID, 'UGIL');
    expect(mentioned.workloadName).toContain('<!everyone>');
    // a bot's own message events are ignored (no loops)
    await post(messageEvent({ channel: mentionChannel, botId: BOT_ID, threadTs: mentioned.threadRef!, text: '1' }));

    expect(liveBroadcastMentions(h.api)).toEqual([]);
    const parent = postedMessage(h, review.threadRef!);
    expect(String(parent.params.text)).toContain('&lt;!channel&gt;');
  });

  it('every message the bot sent passed the Block Kit limit checks, with unfurling off', () => {
    expect(blockKitProblems(h.api.calls)).toEqual([]);
    expect(postsWithUnfurling(h.api)).toEqual([]);
  });
});

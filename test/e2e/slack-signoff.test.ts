/**
 * Sign-off on Slack over real HTTP on loopback (real Bolt receiver, signed requests, fake Web API): approvers named in
 * the thread and through the card's picker modal, a non-approver refused with an ephemeral and nothing stored, the
 * note modal checked on submit, one action per click, approvals lapsing when an answer changes, the record and the
 * channel's weekly digest (posted by the scheduler through the adapter's own Web API client) following.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/conversation/texts.js';
import { createDigestScheduler, type DigestScheduler } from '../../src/digest/digest-scheduler.js';
import { renderMadr } from '../../src/render/madr.js';
import { movableClock } from '../security/helpers/reviews.js';
import type { RecordedCall } from './fake-slack-api.js';
import { clickAction, completeInterview, latestReviewOf, postedMessage, runCommand } from '../slack/helpers/interview-driver.js';
import { type SlackHarness, startSlackHarness } from '../slack/helpers/slack-harness.js';
import {
  appMentionEvent,
  BOT_USER_ID,
  eventEnvelope,
  messageEvent,
  newChannelId,
  TEAM_ID,
  uniqueId,
  userTs,
} from '../slack/helpers/slack-payloads.js';

type Obj = Record<string, unknown>;

// a Monday, 08:00 UTC; the channel's digest goes out on Mondays at 09:00 UTC
const clock = movableClock(Date.parse('2026-11-23T08:00:00Z'));
const setClock = (iso: string) => clock.set(Date.parse(iso));

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ clock });
});
afterAll(async () => {
  await h?.close();
});

const REQUESTER = 'UALICE';
const BOB = 'UBOB';
const CAROL = 'UCAROL';
const MALLORY = 'UMALLORY';

function elementOf(call: RecordedCall, actionId: string): Obj {
  for (const block of call.params.blocks as Obj[]) {
    const found = ((block.elements as Obj[] | undefined) ?? []).find((e) => e.action_id === actionId);
    if (found) return found;
  }
  throw new Error(`no ${actionId} in the message`);
}

/** A click on a button, as Slack sends it. */
function click(channel: string, threadTs: string, message: RecordedCall, actionId: string, user: string, actionTs?: string) {
  const button = elementOf(message, actionId);
  return clickAction(h, {
    user,
    channel,
    messageTs: message.response!.ts as string,
    threadTs,
    action: { type: 'button', action_id: actionId, block_id: 'b', value: button.value, text: button.text },
    ...(actionTs ? { actionTs } : {}),
  }).then(() => h.slack.whenIdle());
}

/** A modal submission, as Slack sends it: the opened view with the typed values. */
async function submit(opened: RecordedCall, user: string, values: Obj): Promise<Response> {
  const view = opened.response!.view as Obj;
  const res = await h.send.interaction({
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'example' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: uniqueId('trigger.'),
    view: { ...view, state: { values }, hash: uniqueId('hash') },
    response_urls: [],
  });
  await h.slack.whenIdle();
  return res;
}

const asks = (channel: string) =>
  h.api.ok('chat.postMessage', (p) => p.channel === channel && JSON.stringify(p.blocks).includes('ca_signoff_approve'));
const stored = async (reviewId: string) => (await h.services.store.signoffs.actions(reviewId)).length;
/** The status in the front matter of the review's MADR export. */
const madrStatus = async (reviewId: string) =>
  /^---\n(?:.*\n)*?status: (\w+)\n/.exec(renderMadr((await h.services.records.get(reviewId))!))?.[1];

/** The weekly digest as main.ts wires it: the scheduler posting through the Slack adapter's proactive outbox. */
function digestScheduler(): DigestScheduler {
  return createDigestScheduler({
    store: h.services.store,
    reviews: h.services.reviews,
    clock,
    outboxes: { slack: h.slack.proactive },
    pacing: { slackMs: 0 },
    // approver reminders post in the thread and are tested on their own; here only the digest runs
    signOffReminderHours: 24 * 365,
  });
}

/**
 * Moves the clock to a digest time and runs the scheduler: exactly one message goes out, the digest in the channel.
 * Gives its sign-off sections as Slack received them (undefined when a list is absent).
 */
async function weeklyDigest(scheduler: DigestScheduler, channel: string, at: string) {
  setClock(at);
  const mark = h.api.calls.length;
  expect(await scheduler.tick()).toMatchObject({ digestsPosted: 1, digestsFailed: 0 });
  const posted = h.api.calls.slice(mark).filter((c) => c.method === 'chat.postMessage');
  expect(posted).toHaveLength(1);
  expect(posted[0]!.params).toMatchObject({ channel, text: expect.stringContaining('Weekly compute digest') });
  expect(posted[0]!.params.thread_ts).toBeUndefined();
  const sections = (posted[0]!.params.blocks as Obj[]).map((b) => String((b.text as Obj | undefined)?.text ?? ''));
  return {
    pending: sections.find((t) => t.startsWith('*Waiting for sign-off*')),
    approved: sections.find((t) => t.startsWith('*Approved this week*')),
  };
}

describe('Slack: sign-off', () => {
  it('request in the thread and from the card, refuse a non-approver, require a note, approve, lapse on a change, approve again; the digest and the record follow', async () => {
    const channel = newChannelId();
    await runCommand(h, 'digest weekly mon 09:00 UTC', { user: 'UADMIN', channel });
    const scheduler = digestScheduler();
    await runCommand(h, 'ledger', { user: REQUESTER, channel });
    const review = await latestReviewOf(h, TEAM_ID, REQUESTER);
    await completeInterview(h, review.id, REQUESTER);
    const thread = review.threadRef!;
    const card = postedMessage(h, (await h.services.store.messages.get(review.id, 'card'))!.messageRef);
    expect(JSON.stringify(card.params.blocks)).toContain('ca_signoff_request');

    // "@bot signoff @bob" in the thread: Slack sends both an app_mention and a message event
    const ts = userTs();
    const text = `<@${BOT_USER_ID}> signoff <@${BOB}|bob>`;
    await h.send.event(eventEnvelope(appMentionEvent({ user: REQUESTER, channel, threadTs: thread, ts, text })));
    await h.send.event(eventEnvelope(messageEvent({ user: REQUESTER, channel, threadTs: thread, ts, text })));
    await h.slack.whenIdle();
    expect(asks(channel)).toHaveLength(1);
    const ask = asks(channel)[0]!;
    expect(ask.params.thread_ts).toBe(thread);
    expect(String(ask.params.text)).toContain(`<@${BOB}>`);
    // no second review was started from the mention
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, REQUESTER, 5)).toHaveLength(1);
    const cardNow = h.api.updatesOf(channel, card.response!.ts as string).at(-1);
    expect(JSON.stringify(cardNow?.params.blocks)).toContain('Sign-off pending');

    // "Request sign-off" on the card: a modal with a user picker; its submission names Carol
    await click(channel, thread, card, 'ca_signoff_request', REQUESTER);
    const picker = h.api.ok('views.open').at(-1)!;
    expect(JSON.stringify(picker.params.view)).toContain('multi_users_select');
    const pickerRes = await submit(picker, REQUESTER, {
      approvers: { approvers: { type: 'multi_users_select', selected_users: [CAROL] } },
    });
    expect(pickerRes.status).toBe(200);
    expect(asks(channel)).toHaveLength(2);
    expect(String(asks(channel)[1]!.params.text)).toContain(`<@${CAROL}>`);
    expect((await h.services.signOffs.status(review.id))?.approvers.map((a) => a.approverId).sort()).toEqual([BOB, CAROL]);

    // Monday's digest: waiting for both approvers, nothing approved; the record is proposed
    const waiting = await weeklyDigest(scheduler, channel, '2026-11-23T09:00:00Z');
    expect(waiting.pending).toMatch(
      /^\*Waiting for sign-off\* \(1\)\n• <[^|>]+\|ledger>: 2 approvers still to act, asked less than a day ago$/,
    );
    expect(waiting.approved).toBeUndefined();
    expect(await madrStatus(review.id)).toBe('proposed');
    setClock('2026-11-24T10:00:00Z');

    // a non-approver: an ephemeral for each button, no modal, nothing stored
    const modalsBefore = h.api.ok('views.open').length;
    await click(channel, thread, ask, 'ca_signoff_approve', MALLORY);
    await click(channel, thread, ask, 'ca_signoff_changes', MALLORY);
    const ephemerals = h.api.ok('chat.postEphemeral', (p) => p.user === MALLORY);
    expect(ephemerals.map((e) => e.params.text)).toEqual([texts.notApprover, texts.notApprover]);
    expect(h.api.ok('views.open')).toHaveLength(modalsBefore);
    expect(await stored(review.id)).toBe(0);

    // Request changes: the note modal; an empty note keeps it open with the error and stores nothing
    await click(channel, thread, ask, 'ca_signoff_changes', BOB);
    const noteModal = h.api.ok('views.open').at(-1)!;
    const empty = await submit(noteModal, BOB, { note: { note: { type: 'plain_text_input', value: '   ' } } });
    expect(await empty.json()).toMatchObject({ response_action: 'errors', errors: { note: expect.stringContaining('note is required') } });
    expect(await stored(review.id)).toBe(0);
    await submit(noteModal, BOB, { note: { note: { type: 'plain_text_input', value: 'cost the egress too' } } });
    expect(await stored(review.id)).toBe(1);
    expect(String(h.api.ok('chat.postMessage', (p) => p.channel === channel).at(-1)!.params.text)).toContain('requested changes');

    // approvals; the same click delivered twice stores one
    await click(channel, thread, ask, 'ca_signoff_approve', BOB, '1800000100.000001');
    await click(channel, thread, ask, 'ca_signoff_approve', BOB, '1800000100.000001');
    expect(await stored(review.id)).toBe(2);
    // the redelivery is recognised as such: a second click would have been told it was already recorded
    const toldBob = [...h.api.ok('chat.postEphemeral'), ...h.api.ok('response_url')].map((c) => String(c.params.text ?? ''));
    expect(toldBob).not.toContain(texts.signOffAlreadyRecorded);

    // the next Monday's digest: Bob's approval of the week, and the review still waiting for Carol
    const halfway = await weeklyDigest(scheduler, channel, '2026-11-30T09:00:00Z');
    expect(halfway.approved).toMatch(/^\*Approved this week\* \(1\)\n• <[^|>]+\|ledger>: approved by <@UBOB>$/);
    expect(halfway.pending).toMatch(/^\*Waiting for sign-off\* \(1\)\n• <[^|>]+\|ledger>: 1 approver still to act, asked 7 days ago$/);
    expect(await madrStatus(review.id)).toBe('proposed');

    setClock('2026-11-30T10:00:00Z');
    await click(channel, thread, asks(channel)[1]!, 'ca_signoff_approve', CAROL);
    expect(await stored(review.id)).toBe(3);
    expect((await h.services.signOffs.status(review.id))?.state).toBe('approved');
    expect((await h.services.records.get(review.id))?.recordStatus).toBe('accepted');
    expect(await madrStatus(review.id)).toBe('accepted');

    // an answer changes: a new card, the approvals lapse, both approvers are asked again in the thread
    setClock('2026-12-01T10:00:00Z');
    const change = elementOf(card, 'ca_change_answer');
    await clickAction(h, {
      user: REQUESTER,
      channel,
      messageTs: card.response!.ts as string,
      threadTs: thread,
      action: {
        type: 'static_select',
        action_id: 'ca_change_answer',
        block_id: 'rec_actions',
        selected_option: (change.options as Obj[])[0],
      },
    });
    await h.slack.whenIdle();
    await completeInterview(h, review.id, REQUESTER);
    expect(asks(channel)).toHaveLength(3);
    const again = asks(channel)[2]!;
    expect(String(again.params.text)).toContain('earlier approvals lapsed');
    for (const user of [BOB, CAROL]) expect(String(again.params.text)).toContain(`<@${user}>`);
    expect((await h.services.signOffs.status(review.id))?.state).toBe('pending');
    expect((await h.services.records.get(review.id))?.recordStatus).toBe('proposed');

    // this week's digest: waiting for both again; Carol's approval falls in the week but lapsed, so nothing is approved
    const lapsed = await weeklyDigest(scheduler, channel, '2026-12-07T09:00:00Z');
    expect(lapsed.pending).toMatch(/^\*Waiting for sign-off\* \(1\)\n• <[^|>]+\|ledger>: 2 approvers still to act, asked 14 days ago$/);
    expect(lapsed.approved).toBeUndefined();
    expect(await madrStatus(review.id)).toBe('proposed');
    setClock('2026-12-08T10:00:00Z');

    // the old buttons are refused privately; the fresh ones count
    await click(channel, thread, ask, 'ca_signoff_approve', BOB);
    expect(h.api.ok('chat.postEphemeral', (p) => p.user === BOB).at(-1)?.params.text).toBe(texts.signOffOnSupersededAsk);
    for (const user of [BOB, CAROL]) await click(channel, thread, again, 'ca_signoff_approve', user);
    const record = (await h.services.records.get(review.id))!;
    expect(record.recordStatus).toBe('accepted');
    expect(renderMadr(record)).toMatch(/^---\n(?:.*\n)*?status: accepted\n/);

    // the next digest: both approvals of the current recommendation, nobody left to act
    const approved = await weeklyDigest(scheduler, channel, '2026-12-14T09:00:00Z');
    expect(approved.approved).toMatch(
      /^\*Approved this week\* \(2\)\n• <[^|>]+\|ledger>: approved by <@UCAROL>\n• <[^|>]+\|ledger>: approved by <@UBOB>$/,
    );
    expect(approved.pending).toBeUndefined();
  });
});

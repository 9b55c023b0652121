import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerCurrentQuestion,
  clickAction,
  completeInterview,
  latestReviewOf,
  postedMessage,
  replyInThread,
  runCommand,
} from '../slack/helpers/interview-driver.js';
import { blockKitProblems, messageCalls, postsWithUnfurling } from '../slack/helpers/sent-messages.js';
import { startSlackHarness, TEST_BOT_TOKEN, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { appHomeOpenedEvent, eventEnvelope, newChannelId, TEAM_ID, uniqueId } from '../slack/helpers/slack-payloads.js';

type Obj = Record<string, unknown>;

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

function cardAction(cardBlocks: Obj[], actionId: string): Obj {
  const actions = cardBlocks.find((b) => b.block_id === 'rec_actions') as { elements: Obj[] };
  const element = actions.elements.find((e) => e.action_id === actionId);
  if (!element) throw new Error(`card has no ${actionId}`);
  return element;
}

async function finishedReview(user: string, name: string) {
  const channel = newChannelId();
  await runCommand(h, name, { user, channel });
  const review = latestReviewOf(h, TEAM_ID, user);
  await completeInterview(h, review.id, user);
  const card = postedMessage(h, h.services.store.messages.get(review.id, 'card')!.messageRef);
  return { channel, review, card };
}

describe('Slack: a whole interview over HTTP', () => {
  it('runs from /compute-advice to the recommendation card in the thread', async () => {
    const channel = newChannelId();
    const started = Date.now();
    const res = await h.send.command({
      token: 'x',
      team_id: TEAM_ID,
      channel_id: channel,
      channel_name: 'general',
      user_id: 'UALICE',
      user_name: 'alice',
      command: '/compute-advice',
      text: 'payments-webhooks',
      response_url: h.api.responseUrl('alice'),
      trigger_id: 't',
      api_app_id: 'A1',
    });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await h.slack.whenIdle();

    const [parent] = await h.api.waitFor('chat.postMessage', 1, (p) => p.channel === channel && p.thread_ts === undefined);
    expect(parent!.params.text).toContain('<@UALICE> asked for a compute review of *payments-webhooks*');
    expect(parent!.params.unfurl_links).toBe(false);
    expect(parent!.params.unfurl_media).toBe(false);
    expect(parent!.authorized).toBe(true);
    const review = latestReviewOf(h, TEAM_ID, 'UALICE');
    expect(review.threadRef).toBe(parent!.response!.ts);
    expect(h.services.store.messages.get(review.id, 'parent')?.messageRef).toBe(review.threadRef);

    const firstQ = h.services.store.messages.get(review.id, 'question', 'workload_kind');
    expect(postedMessage(h, firstQ!.messageRef).params.thread_ts).toBe(review.threadRef);

    // clicks for choices, thread replies for numbers; every third choice typed as well
    const answered = await completeInterview(h, review.id, 'UALICE', (i) => (i % 3 === 2 ? 'type' : 'click'));
    expect(answered.length).toBeGreaterThan(5);

    // each question message was updated to show its answer, with no buttons left to press
    for (const q of answered) {
      const ref = h.services.store.messages.get(review.id, 'question', q.id)!.messageRef;
      const updates = h.api.updatesOf(channel, ref);
      expect(updates.length, `question ${q.id} updated`).toBeGreaterThan(0);
      const last = updates[updates.length - 1]!;
      expect(JSON.stringify(last.params.blocks)).toContain('✔');
      expect((last.params.blocks as Obj[]).some((b) => b.type === 'actions')).toBe(false);
    }

    const card = postedMessage(h, h.services.store.messages.get(review.id, 'card')!.messageRef);
    expect(card.params.thread_ts).toBe(review.threadRef);
    expect(card.params.unfurl_links).toBe(false);
    expect(String(card.params.text)).toContain('Compute review: payments-webhooks');
    for (const id of ['ca_change_answer', 'ca_record_decision', 'ca_share']) expect(JSON.stringify(card.params.blocks)).toContain(id);
    expect(h.services.reviews.get(review.id)?.status).toBe('completed');
  });

  it('card actions: change an answer re-asks it and posts a new card (the old one says it was replaced); a decision from the old card is refused; record it on the current one; share to the channel', async () => {
    const { channel, review, card } = await finishedReview('UCAROL', 'image-resizer');
    const blocks = card.params.blocks as Obj[];

    // change an answer
    const change = cardAction(blocks, 'ca_change_answer');
    const option = (change.options as Obj[])[0]!;
    await clickAction(h, {
      user: 'UCAROL',
      channel,
      messageTs: card.response!.ts as string,
      threadTs: review.threadRef,
      action: { type: 'static_select', action_id: 'ca_change_answer', block_id: 'rec_actions', selected_option: option },
    });
    await h.slack.whenIdle();
    const step = h.services.reviews.step(review.id);
    expect(step?.kind).toBe('question');
    const cardsBefore = h.api.ok('chat.postMessage', (p) => p.channel === channel && String(p.text).startsWith('Compute review')).length;
    await completeInterview(h, review.id, 'UCAROL');
    const cardsAfter = h.api.ok('chat.postMessage', (p) => p.channel === channel && String(p.text).startsWith('Compute review')).length;
    expect(cardsAfter).toBe(cardsBefore + 1);
    expect(h.services.reviews.get(review.id)?.status).toBe('completed');
    // the old card now says it was replaced and has nothing left to press
    const oldCardTs = card.response!.ts as string;
    const replaced = h.api.updatesOf(channel, oldCardTs).pop();
    if (!replaced) throw new Error('the old card was never updated');
    expect(String(replaced.params.text)).toContain('was replaced after an answer changed');
    const replacedBlocks = replaced.params.blocks as Obj[];
    expect(replacedBlocks.length).toBeGreaterThan(0);
    expect(replacedBlocks.some((b) => b.type === 'actions')).toBe(false);
    const currentCard = postedMessage(h, h.services.store.messages.get(review.id, 'card')!.messageRef);
    expect(currentCard.response!.ts).not.toBe(oldCardTs);

    // record the decision: pick a model the card rated unsuitable or caution if there is one
    const rec = h.services.reviews.latestRecommendation(review.id)!;
    const against = (Object.entries(rec.verdicts) as Array<[string, string]>).find(([, v]) => v === 'unsuitable' || v === 'caution');
    const model = against ? against[0] : rec.recommended;
    const pick = (cardBlocks: Obj[]) =>
      (cardAction(cardBlocks, 'ca_record_decision').options as Obj[]).find((o) => String(o.value).includes(`"m":"${model}"`))!;
    // from the superseded card (a copy still open in someone's client): refused, with a pointer, nothing stored
    await clickAction(h, {
      user: 'UCAROL',
      channel,
      messageTs: oldCardTs,
      threadTs: review.threadRef,
      action: { type: 'static_select', action_id: 'ca_record_decision', block_id: 'rec_actions', selected_option: pick(blocks) },
    });
    await h.slack.whenIdle();
    expect(h.services.store.decisions.latest(review.id)).toBeUndefined();
    expect(JSON.stringify(h.api.calls.slice(-3).map((c) => c.params))).toContain('Record the decision on the current card');
    // from the current card: recorded
    await clickAction(h, {
      user: 'UCAROL',
      channel,
      messageTs: currentCard.response!.ts as string,
      threadTs: review.threadRef,
      action: {
        type: 'static_select',
        action_id: 'ca_record_decision',
        block_id: 'rec_actions',
        selected_option: pick(currentCard.params.blocks as Obj[]),
      },
    });
    await h.slack.whenIdle();
    // the current card shows the decision
    const shown = h.api.updatesOf(channel, currentCard.response!.ts as string).pop();
    expect(JSON.stringify(shown?.params.blocks)).toContain('Decision recorded: ');
    const stored = h.services.store.decisions.latest(review.id);
    expect(stored?.chosenModel).toBe(model);
    expect(stored?.againstAdvice).toBe(Boolean(against));
    const confirmation = h.api
      .ok('chat.postMessage', (p) => p.channel === channel && String(p.text).includes('recorded the decision'))
      .pop();
    expect(confirmation?.params.thread_ts).toBe(review.threadRef);
    expect(String(confirmation?.params.text)).toContain(against ? 'against the advice' : 'in line with the advice');

    // share: the card again, broadcast to the channel
    const share = cardAction(blocks, 'ca_share');
    await clickAction(h, {
      user: 'UCAROL',
      channel,
      messageTs: card.response!.ts as string,
      threadTs: review.threadRef,
      action: { type: 'button', action_id: 'ca_share', block_id: 'rec_actions', value: share.value },
    });
    await h.slack.whenIdle();
    const shared = h.api.ok('chat.postMessage', (p) => p.channel === channel && p.reply_broadcast === true);
    expect(shared).toHaveLength(1);
    expect(shared[0]!.params.thread_ts).toBe(review.threadRef);
    expect(String(shared[0]!.params.text)).toContain('Compute review: image-resizer');
  });

  it('Back re-asks the previous question and Skip skips an optional one', async () => {
    const channel = newChannelId();
    await runCommand(h, 'back-and-skip', { user: 'UBART', channel });
    const review = latestReviewOf(h, TEAM_ID, 'UBART');
    const first = await answerCurrentQuestion(h, review.id, 'UBART', 'click');

    // Back from the second question
    const step = h.services.reviews.step(review.id);
    if (step?.kind !== 'question') throw new Error('expected a question');
    const secondRef = h.services.store.messages.get(review.id, 'question', step.question.id)!.messageRef;
    const back = (postedMessage(h, secondRef).params.blocks as Obj[])
      .flatMap((b) => (b.elements as Obj[] | undefined) ?? [])
      .find((e) => e.action_id === 'ca_back')!;
    await clickAction(h, {
      user: 'UBART',
      channel,
      messageTs: secondRef,
      threadTs: review.threadRef,
      action: { type: 'button', action_id: 'ca_back', block_id: `q:${step.question.id}`, value: back.value },
    });
    await h.slack.whenIdle();
    const again = h.services.reviews.step(review.id);
    expect(again?.kind === 'question' && again.question.id).toBe(first.id);
    expect(JSON.stringify(h.api.updatesOf(channel, secondRef).pop()?.params.blocks)).toContain('Went back');
    const reposted = h.services.store.messages.get(review.id, 'question', first.id)!.messageRef;
    expect(postedMessage(h, reposted).params.thread_ts).toBe(review.threadRef);

    // answer until an optional question, then Skip it
    for (let i = 0; i < 20; i++) {
      const current = h.services.reviews.step(review.id);
      if (current?.kind !== 'question') throw new Error('no optional question found');
      const ref = h.services.store.messages.get(review.id, 'question', current.question.id)!.messageRef;
      const skip = (postedMessage(h, ref).params.blocks as Obj[])
        .flatMap((b) => (b.elements as Obj[] | undefined) ?? [])
        .find((e) => e.action_id === 'ca_skip');
      if (!skip) {
        await answerCurrentQuestion(h, review.id, 'UBART', 'click');
        continue;
      }
      await clickAction(h, {
        user: 'UBART',
        channel,
        messageTs: ref,
        threadTs: review.threadRef,
        action: { type: 'button', action_id: 'ca_skip', block_id: `q:${current.question.id}`, value: skip.value },
      });
      await h.slack.whenIdle();
      expect(h.services.store.answers.current(review.id)[current.question.id]).toBeNull();
      expect(JSON.stringify(h.api.updatesOf(channel, ref).pop()?.params.blocks)).toContain('Skipped');
      const next = h.services.reviews.step(review.id);
      expect(next?.kind === 'question' && next.question.id).not.toBe(current.question.id);
      return;
    }
    throw new Error('no optional question found');
  });

  it('continues after a restart mid-interview: the next thread reply picks up where it was', async () => {
    const channel = newChannelId();
    await runCommand(h, 'nightly-report', { user: 'UDAVE', channel });
    const review = latestReviewOf(h, TEAM_ID, 'UDAVE');
    await answerCurrentQuestion(h, review.id, 'UDAVE', 'click');
    await answerCurrentQuestion(h, review.id, 'UDAVE', 'click');
    const before = h.services.store.answers.current(review.id);

    await h.restart();

    const after = h.services.store.answers.current(review.id);
    expect(after).toEqual(before);
    // answer the next one by typing in the thread (the new process has no memory but SQLite)
    const step = h.services.reviews.step(review.id);
    expect(step?.kind).toBe('question');
    await replyInThread(h, { user: 'UDAVE', channel, threadTs: review.threadRef!, text: '1' });
    expect(Object.keys(h.services.store.answers.current(review.id)).length).toBe(Object.keys(before).length + 1);
    await completeInterview(h, review.id, 'UDAVE');
    expect(h.services.reviews.get(review.id)?.status).toBe('completed');
  });

  it('runs in a direct message with the bot', async () => {
    const dm = uniqueId('D');
    await runCommand(h, 'slack-digest-bot', { user: 'UERIN', channel: dm });
    const review = latestReviewOf(h, TEAM_ID, 'UERIN');
    expect(review.channelId).toBe(dm);
    const parent = postedMessage(h, review.threadRef!);
    expect(parent.params.channel).toBe(dm);
    await answerCurrentQuestion(h, review.id, 'UERIN', 'type');
    expect(Object.keys(h.services.store.answers.current(review.id))).toHaveLength(1);
  });

  it('help, list, resume, cancel and add', async () => {
    const channel = newChannelId();
    const help = await runCommand(h, '', { user: 'UFRAN', channel });
    const helpBody = (await help.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(helpBody.response_type).toBe('ephemeral');
    expect(helpBody.text).toContain('/compute-advice');
    // the help rides on the ack itself: no Web API call, and within Block Kit limits too
    expect(blockKitProblems([{ method: 'ack', params: helpBody, authorized: true, status: 200, at: 0 }])).toEqual([]);

    await runCommand(h, 'queue-worker', { user: 'UFRAN', channel });
    const review = latestReviewOf(h, TEAM_ID, 'UFRAN');

    await runCommand(h, 'list', { user: 'UFRAN', channel });
    const list = h.api.ok('response_url').pop()!;
    expect(JSON.stringify(list.params.blocks)).toContain('queue-worker');
    expect(JSON.stringify(list.params.blocks)).toContain(`https://slack.com/archives/${channel}/p${review.threadRef!.replace('.', '')}`);
    expect(list.params.response_type).toBe('ephemeral');

    const firstRef = h.services.store.messages.get(review.id, 'question', 'workload_kind')!.messageRef;
    await runCommand(h, 'resume', { user: 'UFRAN', channel });
    const secondRef = h.services.store.messages.get(review.id, 'question', 'workload_kind')!.messageRef;
    expect(secondRef).not.toBe(firstRef);
    expect(postedMessage(h, secondRef).params.thread_ts).toBe(review.threadRef);

    // add someone with the command; they can answer
    await runCommand(h, `add <@UGREG|greg> ${review.id}`, { user: 'UFRAN', channel });
    expect(h.services.reviews.isParticipant(review.id, 'UGREG')).toBe(true);
    await answerCurrentQuestion(h, review.id, 'UGREG', 'click');
    // and with a thread reply
    await replyInThread(h, { user: 'UFRAN', channel, threadTs: review.threadRef!, text: 'add <@UHANK>' });
    expect(h.services.reviews.isParticipant(review.id, 'UHANK')).toBe(true);
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel && String(p.text).includes('<@UHANK> can now answer'))).toHaveLength(
      1,
    );

    await runCommand(h, 'cancel', { user: 'UFRAN', channel });
    expect(h.services.reviews.get(review.id)?.status).toBe('cancelled');
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel && String(p.text).includes('cancelled this review'))).toHaveLength(1);
    const currentRef = h.services.store.messages
      .list(review.id)
      .filter((m) => m.kind === 'question')
      .pop()!.messageRef;
    const updated = h.api.ok('chat.update', (p) => p.ts === currentRef).pop();
    expect(JSON.stringify(updated?.params.blocks)).toContain('Cancelled');
  });

  it('publishes the Home tab with open and recent reviews and links to their threads', async () => {
    const res = await h.send.event(eventEnvelope(appHomeOpenedEvent('UCAROL')));
    expect(res.status).toBe(200);
    await h.slack.whenIdle();
    const publish = h.api.ok('views.publish', (p) => p.user_id === 'UCAROL').pop();
    expect(publish).toBeDefined();
    const view = publish!.params.view as { type: string; blocks: Obj[] };
    expect(view.type).toBe('home');
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('image-resizer');
    expect(json).toContain('recommended:');
    expect(json).toContain('https://slack.com/archives/');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('every message the bot sent passed the Block Kit limit checks, with unfurling off, and no token reached the log', () => {
    expect(messageCalls(h.api).length).toBeGreaterThan(20);
    expect(blockKitProblems(h.api.calls)).toEqual([]);
    expect(postsWithUnfurling(h.api)).toEqual([]);
    expect(h.logs.join('\n')).not.toContain(TEST_BOT_TOKEN);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerCurrentQuestion,
  clickAction,
  firstChoiceAction,
  latestReviewOf,
  postedMessage,
  replyInThread,
  runCommand,
} from '../slack/helpers/interview-driver.js';
import { blockKitProblems, postsWithUnfurling } from '../slack/helpers/sent-messages.js';
import { startSlackHarness, TEST_BOT_TOKEN, type SlackHarness } from '../slack/helpers/slack-harness.js';
import {
  appMentionEvent,
  BOT_USER_ID,
  eventEnvelope,
  messageEvent,
  newChannelId,
  slashCommand,
  TEAM_ID,
  uniqueId,
} from '../slack/helpers/slack-payloads.js';
import { until } from '../resilience/helpers/slack-steps.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h?.close();
});

function historyCount(reviewId: string, questionId: string): number {
  return (
    sqliteOf(h.services)
      .prepare('SELECT COUNT(*) AS n FROM answer_history WHERE review_id = ? AND question_id = ?')
      .get(reviewId, questionId) as {
      n: number;
    }
  ).n;
}

async function startReview(user: string, name = 'reliability-check') {
  const channel = newChannelId();
  await runCommand(h, name, { user, channel });
  return { channel, review: await latestReviewOf(h, TEAM_ID, user) };
}

describe('Slack: request verification', () => {
  it('rejects a bad signature with 401 and does nothing', async () => {
    const channel = newChannelId();
    const before = h.api.calls.length;
    const res = await h.send.command(slashCommand({ text: 'forged', user: 'UMALLORY', channel, responseUrl: h.api.responseUrl() }), {
      secret: 'not-the-secret',
    });
    expect(res.status).toBe(401);
    await h.slack.whenIdle();
    expect(h.api.calls.length).toBe(before);
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UMALLORY', 5)).toHaveLength(0);
  });

  it('rejects a timestamp older than 5 minutes (a replay) with 401', async () => {
    const channel = newChannelId();
    const res = await h.send.command(slashCommand({ text: 'replayed', user: 'UMALLORY', channel, responseUrl: h.api.responseUrl() }), {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
    await h.slack.whenIdle();
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UMALLORY', 5)).toHaveLength(0);
  });

  it('rejects a timestamp more than a minute in the future with 401, stores nothing; a little clock skew passes', async () => {
    const channel = newChannelId();
    const now = Math.floor(Date.now() / 1000);
    const future = await h.send.command(
      slashCommand({ text: 'from-the-future', user: 'UFUTURE', channel, responseUrl: h.api.responseUrl() }),
      {
        timestampSec: now + 10 * 60,
      },
    );
    expect(future.status).toBe(401);
    await h.slack.whenIdle();
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UFUTURE', 5)).toHaveLength(0);
    expect(sqliteOf(h.services).prepare('SELECT count(*) AS n FROM inbox').get()).toEqual({ n: 0 });
    const skewed = await h.send.command(
      slashCommand({ text: 'slightly-ahead', user: 'UFUTURE', channel, responseUrl: h.api.responseUrl() }),
      {
        timestampSec: now + 20,
      },
    );
    expect(skewed.status).toBe(200);
    await h.slack.whenIdle();
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UFUTURE', 5)).toHaveLength(1);
  });
});

describe('Slack: retries and double clicks', () => {
  it('a redelivered event (x-slack-retry-num: 1) produces one review and one post', async () => {
    const channel = newChannelId();
    const envelope = eventEnvelope(appMentionEvent({ user: 'UIVY', channel, text: `<@${BOT_USER_ID}> billing-exports` }));
    expect((await h.send.event(envelope)).status).toBe(200);
    expect((await h.send.event(envelope, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(
      200,
    );
    await h.slack.whenIdle();
    // and once more after the first finished
    expect((await h.send.event(envelope, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(
      200,
    );
    await h.slack.whenIdle();
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel)).toHaveLength(1);
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UIVY', 5)).toHaveLength(1);
  });

  it('a redelivered thread reply stores one answer and posts one next question', async () => {
    const { channel, review } = await startReview('UJUNE');
    const eventId = uniqueId('Ev');
    await replyInThread(h, { user: 'UJUNE', channel, threadTs: review.threadRef!, text: '1', eventId });
    await replyInThread(h, { user: 'UJUNE', channel, threadTs: review.threadRef!, text: '1', eventId }, { 'x-slack-retry-num': '1' });
    expect(historyCount(review.id, 'workload_kind')).toBe(1);
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel && p.thread_ts === review.threadRef)).toHaveLength(2);
  });

  it('a double-clicked button stores one answer', async () => {
    const { channel, review } = await startReview('UKARL');
    const ref = (await h.services.store.messages.get(review.id, 'question', 'workload_kind'))!.messageRef;
    const action = firstChoiceAction(postedMessage(h, ref), 'workload_kind');
    const click = { user: 'UKARL', channel, messageTs: ref, threadTs: review.threadRef, action };
    await Promise.all([clickAction(h, click), clickAction(h, click)]);
    await h.slack.whenIdle();
    expect(historyCount(review.id, 'workload_kind')).toBe(1);
    expect(Object.keys(await h.services.store.answers.current(review.id))).toEqual(['workload_kind']);
    // one next question posted (plus the first one)
    expect(h.api.ok('chat.postMessage', (p) => p.channel === channel && p.thread_ts === review.threadRef)).toHaveLength(2);
    // the same click replayed later changes nothing either
    await clickAction(h, { ...click, actionTs: '1700000000.123456' });
    await clickAction(h, { ...click, actionTs: '1700000000.123456' });
    await h.slack.whenIdle();
    expect(historyCount(review.id, 'workload_kind')).toBe(1);
  });

  it("a non-participant's reply stores nothing and gets an ephemeral note", async () => {
    const { channel, review } = await startReview('ULEA');
    await replyInThread(h, { user: 'UNOSY', channel, threadTs: review.threadRef!, text: '1' });
    expect(await h.services.store.answers.current(review.id)).toEqual({});
    expect(historyCount(review.id, 'workload_kind')).toBe(0);
    const note = h.api.ok('chat.postEphemeral', (p) => p.channel === channel && p.user === 'UNOSY');
    expect(note).toHaveLength(1);
    expect(note[0]!.params.thread_ts).toBe(review.threadRef);
    expect(String(note[0]!.params.text)).toContain('Only the person who started this review');
    // and a click by them is refused the same way
    const ref = (await h.services.store.messages.get(review.id, 'question', 'workload_kind'))!.messageRef;
    await clickAction(h, {
      user: 'UNOSY',
      channel,
      messageTs: ref,
      threadTs: review.threadRef,
      action: firstChoiceAction(postedMessage(h, ref), 'workload_kind'),
    });
    await h.slack.whenIdle();
    expect(await h.services.store.answers.current(review.id)).toEqual({});
  });

  it('a rejected typed answer gets the re-ask note in the thread and stores nothing', async () => {
    const { channel, review } = await startReview('UMIA');
    await replyInThread(h, { user: 'UMIA', channel, threadTs: review.threadRef!, text: 'banana bread' });
    expect(await h.services.store.answers.current(review.id)).toEqual({});
    const reask = h.api
      .ok('chat.postMessage', (p) => p.channel === channel && String(p.text).startsWith("Sorry, I didn't recognise that option."))
      .pop();
    expect(reask?.params.thread_ts).toBe(review.threadRef);
  });
});

describe('Slack: the answered question', () => {
  const firstRef = async (reviewId: string) => (await h.services.store.messages.get(reviewId, 'question', 'workload_kind'))!.messageRef;
  const isQuestionPost = (channel: string, questionId: string) => (p: Record<string, unknown>) =>
    p.channel === channel && JSON.stringify(p.blocks ?? []).includes(`"q:${questionId}"`);

  it("a click replaces its question through the click's response_url, not chat.update", async () => {
    const { channel, review } = await startReview('UQUIN');
    const ref = await firstRef(review.id);
    await clickAction(h, {
      user: 'UQUIN',
      channel,
      messageTs: ref,
      threadTs: review.threadRef,
      action: firstChoiceAction(postedMessage(h, ref), 'workload_kind'),
    });
    await h.slack.whenIdle();
    const updates = h.api.updatesOf(channel, ref);
    expect(updates.map((c) => c.method)).toEqual(['response_url']);
    expect(updates[0]!.params.replace_original).toBe(true);
    expect(JSON.stringify(updates[0]!.params.blocks)).toContain('✔');
    expect((updates[0]!.params.blocks as Array<{ type: string }>).some((b) => b.type === 'actions')).toBe(false);
    expect(h.api.calls.filter((c) => c.method === 'chat.update' && c.params.channel === channel)).toHaveLength(0);
  });

  it('a typed answer updates its question with chat.update (a thread reply has no response_url)', async () => {
    const { channel, review } = await startReview('URAY');
    await replyInThread(h, { user: 'URAY', channel, threadTs: review.threadRef!, text: '1' });
    expect(h.api.updatesOf(channel, await firstRef(review.id)).map((c) => c.method)).toEqual(['chat.update']);
  });

  it('when the response_url fails, the clicked question is updated with chat.update instead, and nobody is told', async () => {
    const { channel, review } = await startReview('USAL');
    const ref = await firstRef(review.id);
    h.api.fail('response_url', { status: 500, times: 1 });
    await clickAction(h, {
      user: 'USAL',
      channel,
      messageTs: ref,
      threadTs: review.threadRef,
      action: firstChoiceAction(postedMessage(h, ref), 'workload_kind'),
    });
    await h.slack.whenIdle();
    h.api.clearFailures();
    expect(h.api.calls.filter((c) => c.replaces?.ts === ref && c.status === 500)).toHaveLength(1);
    const updates = h.api.updatesOf(channel, ref);
    expect(updates.map((c) => c.method)).toEqual(['chat.update']);
    expect(JSON.stringify(updates[0]!.params.blocks)).toContain('✔');
    expect(h.api.ok('chat.postEphemeral', (p) => p.channel === channel)).toHaveLength(0);
    expect(await h.services.store.answers.current(review.id)).toHaveProperty('workload_kind');
  });

  it('a rate-limited chat.update (Tier 3) does not hold up the next question: updates have their own request queue', async () => {
    const { channel, review } = await startReview('UTED');
    const q1 = await firstRef(review.id);
    h.api.fail('chat.update', { status: 429, retryAfterSeconds: 1, times: 1 });
    // a typed answer: its question is updated with chat.update, and Slack answers 429 Retry-After: 1
    const reply = messageEvent({ user: 'UTED', channel, threadTs: review.threadRef!, text: '1' });
    expect((await h.send.event(eventEnvelope(reply))).status).toBe(200);
    await until(() => h.api.calls.some((c) => c.method === 'chat.update' && c.status === 429 && c.params.channel === channel));
    const limited = h.api.calls.find((c) => c.method === 'chat.update' && c.status === 429 && c.params.channel === channel)!;
    // the next answer, while that update waits out its Retry-After: its next question comes at once
    const second = await h.services.reviews.step(review.id);
    if (second?.kind !== 'question') throw new Error('expected a second question');
    await until(async () => (await h.services.store.messages.get(review.id, 'question', second.question.id)) !== undefined);
    await answerCurrentQuestion(h, review.id, 'UTED', 'click', { waitUntilIdle: false });
    const currentQuestionId = async () => {
      const step = await h.services.reviews.step(review.id);
      return step?.kind === 'question' ? step.question.id : undefined;
    };
    await until(async () => (await currentQuestionId()) !== undefined && (await currentQuestionId()) !== second.question.id);
    const [q3Post] = await h.api.waitFor('chat.postMessage', 1, isQuestionPost(channel, (await currentQuestionId())!));
    expect(q3Post!.at - limited.at).toBeLessThan(1000);
    expect(h.api.updatesOf(channel, q1)).toHaveLength(0);
    // and the rate-limited update lands after the wait
    await h.slack.whenIdle();
    const [update] = h.api.updatesOf(channel, q1);
    expect(update?.method).toBe('chat.update');
    expect(update!.at - limited.at).toBeGreaterThanOrEqual(950);
  });
});

describe('Slack: Web API failures', () => {
  it('honours a 429 with Retry-After: the post lands after the wait', async () => {
    const channel = newChannelId();
    h.api.fail('chat.postMessage', { status: 429, retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const res = await runCommand(h, 'rate-limited-service', { user: 'UNED', channel });
    expect(res.status).toBe(200);
    const limited = h.api.calls.find((c) => c.method === 'chat.postMessage' && c.status === 429)!;
    const [parent] = await h.api.waitFor('chat.postMessage', 1, (p) => p.channel === channel && p.thread_ts === undefined);
    expect(parent!.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const review = await latestReviewOf(h, TEAM_ID, 'UNED');
    expect(await h.services.store.messages.get(review.id, 'question', 'workload_kind')).toBeDefined();
    h.api.clearFailures();
  });

  it('a post that keeps failing (500) is logged with context and the user is told; the ack stayed fast', async () => {
    const channel = newChannelId();
    h.api.fail('chat.postMessage', { status: 500, times: Infinity });
    const started = Date.now();
    const res = await h.send.command(
      slashCommand({ text: 'doomed-service', user: 'UOLA', channel, responseUrl: h.api.responseUrl('ola') }),
    );
    const ackMs = Date.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(1000);
    await h.slack.whenIdle();
    h.api.clearFailures();
    const failedPosts = h.api.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel);
    expect(failedPosts.length).toBeGreaterThanOrEqual(1);
    expect(failedPosts.every((c) => c.status === 500)).toBe(true);
    const told = h.api.ok('response_url').filter((c) => String(c.params.text).includes("couldn't start the review"));
    expect(told).toHaveLength(1);
    expect(told[0]!.params.response_type).toBe('ephemeral');
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UOLA', 5)).toHaveLength(0);
    const logged = h.logs.filter((l) => l.includes('Slack Web API call failed') && l.includes(channel));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toContain('"method":"chat.postMessage"');
    expect(logged[0]).toContain('"error":"http_500"');
  });

  it('a Slack error (not_in_channel) tells the user how to fix it', async () => {
    const channel = newChannelId();
    h.api.fail('chat.postMessage', { slackError: 'not_in_channel', times: 1 });
    await runCommand(h, 'private-service', { user: 'UPAT', channel });
    const told = h.api.ok('response_url').filter((c) => String(c.params.text).includes('/invite'));
    expect(told).toHaveLength(1);
  });

  it('every message the bot sent passed the Block Kit limit checks, with unfurling off, and no token reached the log', () => {
    expect(blockKitProblems(h.api.calls)).toEqual([]);
    expect(postsWithUnfurling(h.api)).toEqual([]);
    expect(h.logs.join('\n')).not.toContain(TEST_BOT_TOKEN);
  });
});

/**
 * A long Retry-After from Slack postpones the one post it was about: the person is told, other people's replies keep
 * flowing, shutdown does not wait for it, and the request stays in the inbox until the wait is over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { answerCurrentQuestion, latestReviewOf, runCommand } from '../slack/helpers/interview-driver.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { newChannelId, slashCommand, TEAM_ID } from '../slack/helpers/slack-payloads.js';
import { ephemeralsTo, questionPosts, until } from './helpers/slack-steps.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const inboxRows = (x: SlackHarness) =>
  sqliteOf(x.services).prepare('SELECT not_before AS notBefore FROM inbox').all() as Array<{ notBefore: number }>;

async function currentQuestionId(x: SlackHarness, reviewId: string): Promise<string> {
  const step = await x.services.reviews.step(reviewId);
  if (step?.kind !== 'question') throw new Error('expected a question');
  return step.question.id;
}

describe('Slack: a Retry-After of an hour', () => {
  it('postpones that post and tells the person; other replies flow, shutdown is prompt, and the post lands once the wait is over', async () => {
    h = await startSlackHarness({ inbox: { sweepMs: 50 }, shutdownDeadlineMs: 2000 });
    const alice = 'UPOSTPONED';
    const aliceChannel = newChannelId();
    await runCommand(h, 'rate-limited-for-an-hour', { user: alice, channel: aliceChannel });
    const review = await latestReviewOf(h, TEAM_ID, alice);

    // Alice answers; posting her next question gets 429 Retry-After: 3600
    h.api.fail('chat.postMessage', { status: 429, retryAfterSeconds: 3600, times: 1 });
    const answered = await answerCurrentQuestion(h, review.id, alice, 'click', { waitUntilIdle: false });
    await until(() => ephemeralsTo(h!, alice, aliceChannel).some((t) => t.includes('rate-limiting')), 5000);
    const told = ephemeralsTo(h, alice, aliceChannel).find((t) => t.includes('rate-limiting'))!;
    expect(told).toContain('saved');
    expect(told).toContain('about an hour');
    expect(await h.services.store.answers.current(review.id)).toHaveProperty(answered.id);
    const next = await currentQuestionId(h, review.id);
    expect(questionPosts(h, aliceChannel, next)).toHaveLength(0);
    // her request stays in the inbox, due in an hour
    await h.slack.whenIdle();
    const [row] = inboxRows(h);
    expect(row?.notBefore).toBeGreaterThan(Date.now() + 3500_000);

    // meanwhile Bob's command is answered at once: no post waits behind Alice's 429
    const bob = 'UNOTWAITING';
    const bobChannel = newChannelId();
    const started = Date.now();
    await h.send.command(slashCommand({ text: 'not-held-up', user: bob, channel: bobChannel, responseUrl: h.api.responseUrl(bob) }));
    await until(async () => (await h!.services.store.reviews.listForUser('slack', TEAM_ID, bob, 1)).length === 1, 3000);
    const bobs = await latestReviewOf(h, TEAM_ID, bob);
    await h.api.waitFor('chat.postMessage', 1, (p) => p.channel === bobChannel && JSON.stringify(p.blocks ?? []).includes('"q:'), 3000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await h.services.reviews.step(bobs.id))?.kind).toBe('question');

    // shutdown does not wait out the hour, and the postponed request survives it
    const stopping = Date.now();
    await h.restart();
    expect(Date.now() - stopping).toBeLessThan(2500);
    expect(inboxRows(h)).toHaveLength(1);

    // the hour passes: the next start posts Alice's question, once
    sqliteOf(h.services).prepare('UPDATE inbox SET not_before = 0').run();
    await until(() => inboxRows(h!).length === 0, 5000);
    await h.slack.whenIdle();
    expect(questionPosts(h, aliceChannel, next)).toHaveLength(1);
  });
});

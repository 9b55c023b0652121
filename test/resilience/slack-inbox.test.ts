/**
 * Acknowledged Slack work is durable: every request is recorded in SQLite before Slack hears 200, worked on from
 * there, and taken up again by the next process when the one that acknowledged it dies first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { texts } from '../../src/conversation/index.js';
import {
  clickAction,
  firstChoiceAction,
  latestReviewOf,
  postedMessage,
  runCommand,
  typedAnswerFor,
} from '../slack/helpers/interview-driver.js';
import { startSlackHarness, type SlackHarness } from '../slack/helpers/slack-harness.js';
import { newChannelId, slashCommand, TEAM_ID, uniqueId } from '../slack/helpers/slack-payloads.js';
import { ephemeralsTo, questionPosts, until } from './helpers/slack-steps.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const inboxRows = (x: SlackHarness) => (sqliteOf(x.services).prepare('SELECT count(*) AS n FROM inbox').get() as { n: number }).n;
const reviewCount = (x: SlackHarness) => (sqliteOf(x.services).prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n;

describe('Slack: acknowledged work survives a crash', () => {
  it('commands acknowledged by a process that died before working on them are done by the next start', async () => {
    // a process whose workers never get to the work (a slow Web API, then SIGKILL): everything is acknowledged
    h = await startSlackHarness({ inbox: { concurrency: 0, leaseMs: 200, sweepMs: 50 } });
    const users = Array.from({ length: 12 }, () => uniqueId('U'));
    const channels = users.map(() => newChannelId());
    const statuses = await Promise.all(
      users.map((user, i) =>
        h!.send.command(slashCommand({ text: `inbox-${i}`, user, channel: channels[i]!, responseUrl: h!.api.responseUrl(user) })),
      ),
    );
    expect(statuses.map((r) => r.status)).toEqual(users.map(() => 200));
    expect(inboxRows(h)).toBe(users.length);
    expect(reviewCount(h)).toBe(0);

    await h.crash({ leaseMs: 200, sweepMs: 50 });
    await until(() => inboxRows(h!) === 0, 10_000);
    await h.slack.whenIdle();
    expect(reviewCount(h)).toBe(users.length);
    for (const [i, user] of users.entries()) {
      const review = await latestReviewOf(h!, TEAM_ID, user);
      const step = await h!.services.reviews.step(review.id);
      if (step?.kind !== 'question') throw new Error('expected a question');
      expect(questionPosts(h!, channels[i]!, step.question.id), user).toHaveLength(1);
    }
  });

  it('the same signed slash command delivered three times starts one review', async () => {
    h = await startSlackHarness();
    const channel = newChannelId();
    const body = slashCommand({ text: 'replayed-command', user: 'UREPLAY', channel, responseUrl: h.api.responseUrl('replay') });
    for (let i = 0; i < 3; i++) expect((await h.send.command(body)).status).toBe(200);
    await h.slack.whenIdle();
    expect(await h.services.store.reviews.listForUser('slack', TEAM_ID, 'UREPLAY', 5)).toHaveLength(1);
  });

  it('a click on a review whose next question was never posted (a crash after the answer was stored) posts it', async () => {
    h = await startSlackHarness();
    const user = 'UCRASHED';
    const channel = newChannelId();
    await runCommand(h, 'crash-between-store-and-post', { user, channel });
    const review = await latestReviewOf(h, TEAM_ID, user);
    const first = await h.services.reviews.step(review.id);
    if (first?.kind !== 'question') throw new Error('expected a question');
    const [firstPost] = questionPosts(h, channel, first.question.id);
    const firstTs = String(firstPost!.response?.ts);
    const action = firstChoiceAction(postedMessage(h, firstTs), first.question.id);
    // the answer is stored, then the process dies before posting the next question; a minute passes
    const stored = await h.services.reviews.answer(review.id, user, {
      questionId: first.question.id,
      text: typedAnswerFor(first.question),
    });
    expect(stored.kind).toBe('accepted');
    sqliteOf(h.services).prepare('UPDATE reviews SET last_activity_at = last_activity_at - 60000 WHERE id = ?').run(review.id);
    const next = await h.services.reviews.step(review.id);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(questionPosts(h, channel, next.question.id)).toHaveLength(0);

    // the person clicks the old question again: the missing question is posted, once, and nothing else is said
    await clickAction(h, { user, channel, messageTs: firstTs, threadTs: review.threadRef, action });
    await h.slack.whenIdle();
    expect(questionPosts(h, channel, next.question.id)).toHaveLength(1);
    expect(ephemeralsTo(h, user, channel)).not.toContain(texts.alreadyAnswered);
  });
});

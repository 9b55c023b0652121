/**
 * Acknowledged Teams work is durable: a message is recorded in the inbox before Teams hears 200, and a process that
 * stops before sending its replies leaves it there for the next start, which sends them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeConnector, startFakeConnector } from '../e2e/fake-connector.js';
import {
  ALEX,
  CHANNEL_ID,
  firstCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  startHarness,
  submitActions,
  submitActivity,
  type Harness,
} from '../teams/helpers/teams-harness.js';
import { until } from './helpers/slack-steps.js';
import { sqliteOf } from '../helpers/sqlite-handle.js';

const open: Harness[] = [];
let connector: FakeConnector | undefined;
let dir: string | undefined;
afterEach(async () => {
  for (const h of open.splice(0)) await h.stop();
  await connector?.close();
  connector = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const inboxRows = (h: Harness) => (sqliteOf(h.services).prepare('SELECT count(*) AS n FROM inbox').get() as { n: number }).n;

function questionPosts(c: FakeConnector, questionId: string) {
  return c
    .posted()
    .filter((p) => JSON.stringify(p.body).includes(`"questionId":"${questionId}"`) && JSON.stringify(p.body).includes('"ca":"answer"'));
}

describe('Teams: acknowledged work survives a stop', () => {
  it('an answer acknowledged by a process that stopped before replying gets its next question from the next start', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ca-teams-inbox-'));
    connector = await startFakeConnector();
    const first = await startHarness({ dir, connector, shutdownDeadlineMs: 300 });
    open.push(first);
    const rootId = nextActivityId();
    await first.post(mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, id: rootId, text: 'compute-advice teams-inbox' }));
    const thread = `${CHANNEL_ID};messageid=${rootId}`;
    const reviewId = (await first.services.reviews.findOpenByThread('teams', CHANNEL_ID, thread))!.id;

    // Alex answers; the connector never answers the bot's reply while this process runs
    const q = latestQuestion(connector)!;
    const card = firstCard(q.call);
    const action = submitActions(card).find((a) => a.data.ca === 'answer')!;
    const choice = JSON.stringify(card).match(/"choices":\[\{"title":"[^"]*","value":"([^"]*)"/);
    connector.fail({ kind: 'reply', delayMs: 30_000, status: 400, times: 1 });
    const submit = submitActivity({
      serviceUrl: connector.serviceUrl,
      from: ALEX,
      conversationId: thread,
      replyToId: q.activityId,
      value: { ...action.data, value: choice ? choice[1] : '30' },
    });
    const res = await fetch(`${first.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(submit),
    });
    expect(res.status).toBe(200);
    expect(await first.services.store.answers.history(reviewId)).toHaveLength(1);
    const next = await first.services.reviews.step(reviewId);
    if (next?.kind !== 'question') throw new Error('expected the next question');
    expect(inboxRows(first)).toBe(1);

    // shutdown waits for the stuck reply only until its deadline, and leaves the message in the inbox
    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(2000);
    open.splice(0);
    connector.clearFailures();

    // the next start sends the question the stopped process never sent, once
    const second = await startHarness({ dir, connector, bot: { inbox: { sweepMs: 50 } } });
    open.push(second);
    await until(() => inboxRows(second) === 0, 10_000);
    await second.teams.idle(5000);
    expect(questionPosts(connector, next.question.id)).toHaveLength(1);
    expect(await second.services.store.answers.history(reviewId)).toHaveLength(1);
  });
});

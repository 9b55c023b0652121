/**
 * The injection corpus through the real Teams endpoint (botbuilder CloudAdapter on loopback, fake Bot Connector):
 * corpus text as the workload name, as the requester's and added people's display names, as typed and card
 * answers and in digest commands. Every activity the bot sent must be inert, and every log line one JSON object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../e2e/fake-connector.js';
import {
  CHANNEL_ID,
  TENANT_ID,
  cardText,
  firstCard,
  isRecommendationCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  startHarness,
  submitActions,
  submitActivity,
  type Harness,
  type Person,
} from '../teams/helpers/teams-harness.js';
import { parseCommand } from '../../src/teams/parse-command.js';
import { teamsActivityProblems } from './helpers/inert.js';
import { validAnswer } from './helpers/reviews.js';
import { INJECTION_CORPUS, type CorpusEntry } from './injection-corpus.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ digests: true });
});
afterAll(async () => {
  await h?.close();
});

function personFor(entry: CorpusEntry, i: number, role: 'req' | 'added'): Person {
  return {
    id: `29:1sec-${role}-${i}`,
    name: entry.text,
    aadObjectId: `00000000-0000-0000-0000-${String(i).padStart(8, '0')}${role === 'req' ? 'aaaa' : 'bbbb'}`,
  };
}

/** Every call the connector got since `from`, as problems (none = inert). */
function problemsSince(from: number): string[] {
  return h.connector.calls
    .slice(from)
    .filter((c) => c.kind !== 'delete')
    .flatMap((c: ConnectorCall) => teamsActivityProblems(c.body).map((p) => `${c.kind} ${p}`));
}

async function say(from: Person, text: string, conversationId?: string, alsoMention?: Person[]) {
  const res = await h.post(
    mentionActivity({
      serviceUrl: h.connector.serviceUrl,
      from,
      text,
      ...(conversationId ? { conversationId } : {}),
      ...(alsoMention ? { alsoMention } : {}),
    }),
  );
  expect(res.status).toBe(200);
}

describe('Teams endpoint with the injection corpus', () => {
  it.each(INJECTION_CORPUS.map((e, i) => [e.id, e, i] as const))(
    '%s: start, answers, add, list, digest and cancel stay inert',
    async (_id, entry, i) => {
      const requester = personFor(entry, i, 'req');
      const added = personFor(entry, i, 'added');
      const start = h.connector.calls.length;
      const rootId = nextActivityId();
      const res = await h.post(
        mentionActivity({ serviceUrl: h.connector.serviceUrl, from: requester, id: rootId, text: `compute-advice ${entry.text}` }),
      );
      expect(res.status).toBe(200);
      const thread = `${CHANNEL_ID};messageid=${rootId}`;
      // names that clean to nothing (an <at> tag of someone else) get the usage hint instead of a review
      const review = (await h.services.store.reviews.listForUser('teams', TENANT_ID, requester.id, 1))[0];
      if (parseCommand(`compute-advice ${entry.text}`).kind === 'start') expect(review, 'a review was started').toBeDefined();

      if (review) {
        expect(review.workloadName.length).toBeLessThanOrEqual(80);
        const q = latestQuestion(h.connector)!;
        // typed, as a card value, then by someone added with a hostile display name
        await say(requester, entry.text, thread);
        const answer = submitActions(firstCard(q.call)).find((a) => a.data.ca === 'answer')!;
        await h.post(
          submitActivity({
            serviceUrl: h.connector.serviceUrl,
            from: requester,
            conversationId: thread,
            replyToId: q.activityId,
            value: { ...answer.data, value: entry.text },
          }),
        );
        await say(requester, 'add', thread, [added]);
        expect(await h.services.reviews.isParticipant(review.id, added.id)).toBe(true);
        await say(added, entry.text, thread);
        await say(requester, 'list', thread);
        await say(requester, `digest weekly mon 09:00 ${entry.text}`, thread);
        await say(requester, `digest ${entry.text}`, thread);
        await say(requester, 'cancel', thread);
        expect((await h.services.store.reviews.get(review.id))!.status).toBe('cancelled');
      }
      expect(h.connector.calls.length).toBeGreaterThan(start);
      expect(problemsSince(start)).toEqual([]);
    },
  );

  it('a whole interview named with corpus text, answered by a hostile display name, ends in an inert card', async () => {
    for (const id of ['combo-all-slack', 'combo-markup', 'combo-controls', 'slack-link', 'markdown-link']) {
      const entry = INJECTION_CORPUS.find((e) => e.id === id)!;
      const requester = personFor(entry, 900 + INJECTION_CORPUS.indexOf(entry), 'req');
      const start = h.connector.calls.length;
      const rootId = nextActivityId();
      await h.post(
        mentionActivity({ serviceUrl: h.connector.serviceUrl, from: requester, id: rootId, text: `compute-advice ${entry.text}` }),
      );
      const thread = `${CHANNEL_ID};messageid=${rootId}`;
      for (let turn = 0; turn < 40 && !isRecommendationCard(h.connector.posted().at(-1)!); turn++) {
        const q = latestQuestion(h.connector)!;
        const question = h.services.script.questions.find((x) => x.id === q.questionId)!;
        await say(requester, entry.text, thread); // refused and re-asked
        const actions = submitActions(firstCard(q.call));
        const skip = actions.find((a) => a.title === 'Skip');
        const none = actions.find((a) => a.title === 'None of these');
        const answer = actions.find((a) => a.data.ca === 'answer' && a.title === 'Answer')!;
        const value =
          question.optional && skip
            ? { ...skip.data }
            : question.type === 'multi_choice' && none
              ? { ...none.data }
              : { ...answer.data, value: validAnswer(question) };
        await h.post(
          submitActivity({ serviceUrl: h.connector.serviceUrl, from: requester, conversationId: thread, replyToId: q.activityId, value }),
        );
      }
      const card = h.connector.posted().at(-1)!;
      expect(isRecommendationCard(card), id).toBe(true);
      expect(cardText(firstCard(card))).toMatch(/^Compute review: /);
      const record = submitActions(firstCard(card)).find((a) => a.data.ca === 'record_decision')!;
      await h.post(
        submitActivity({
          serviceUrl: h.connector.serviceUrl,
          from: requester,
          conversationId: thread,
          replyToId: card.responseId!,
          value: { ...record.data, chosenModel: 'vm' },
        }),
      );
      expect(problemsSince(start)).toEqual([]);
    }
  });

  it('keeps every log line one JSON object with no raw control characters', () => {
    expect(h.logLines.length).toBeGreaterThan(0);
    for (const line of h.logLines) {
      // one line per entry: user text cannot forge or split log lines
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});

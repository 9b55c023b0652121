/**
 * The whole Teams interview over real HTTP on loopback: activities posted to /api/messages (real botbuilder
 * CloudAdapter, auth off), replies and card updates recorded by a fake Bot Connector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import {
  ALEX,
  CHANNEL_ID,
  cardText,
  elementsOfType,
  firstCard,
  isRecommendationCard,
  latestQuestion,
  mentionActivity,
  nextActivityId,
  personalActivity,
  startHarness,
  submitActions,
  submitActivity,
  type Harness,
} from '../teams/helpers/teams-harness.js';

/** How each question gets answered: on its card (`card`), by a typed reply (`typed`), or with Skip. */
const PLAN: Record<string, { card?: string; typed?: string; skip?: true }> = {
  workload_kind: { card: 'api' },
  cloud_provider: { card: 'aws' },
  state_location: { card: 'external_store' },
  traffic_shape: { typed: 'bursty' },
  peak_to_baseline: { card: '20' },
  request_rate: { typed: 'about 40 req/s' },
  typical_duration: { typed: '200ms' },
  latency_target: { typed: '500 ms' },
  peak_memory: { skip: true },
  compliance_isolation: { card: 'standard' },
  special_hardware: { card: '' }, // "None of these"
  language_runtime: { typed: 'node' },
  container_skills: { card: 'basic' },
  portability: { card: 'none' },
  edge_placement: { typed: 'no' },
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Teams interview end to end', () => {
  it('runs from the mention to the recommendation card in the reply chain', async () => {
    h = await startHarness();
    const { connector } = h;
    const rootId = nextActivityId();
    // a new root post in the channel: conversation.id has no ;messageid= yet
    const started = await h.post(
      mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, id: rootId, text: 'compute-advice payments-webhooks' }),
    );
    expect(started.status).toBe(200);
    const thread = `${CHANNEL_ID};messageid=${rootId}`;

    // intro + first question, both replies to the root post
    const first = connector.posted();
    expect(first).toHaveLength(2);
    for (const call of first) {
      expect(call.kind).toBe('reply');
      expect(call.activityId).toBe(rootId);
    }
    expect(cardText(firstCard(first[0]!))).toContain('Compute review: payments-webhooks');

    const review = (await h.services.store.reviews.listRecent(1))[0]!;
    expect(review).toMatchObject({
      platform: 'teams',
      workspaceId: expect.any(String),
      channelId: CHANNEL_ID,
      threadRef: thread,
      requesterId: ALEX.id,
    });
    expect((review.conversationRef as { conversation: { id: string } }).conversation.id).toBe(thread);

    const asked: string[] = [];
    for (let turn = 0; turn < 30; turn++) {
      const last = connector.posted().at(-1)!;
      if (isRecommendationCard(last)) break;
      const q = latestQuestion(connector)!;
      expect(q.call).toBe(last);
      asked.push(q.questionId);
      const plan = PLAN[q.questionId] ?? { card: fallbackValue(firstCard(q.call)) };
      const before = connector.calls.length;
      let posted: { status: number; body: string };
      if (plan.typed !== undefined) {
        posted = await h.post(mentionActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: thread, text: plan.typed }));
      } else {
        const action = submitActions(firstCard(q.call)).find((a) =>
          plan.skip ? a.title === 'Skip' : a.data.ca === 'answer' && (plan.card !== '' || a.title === 'None of these'),
        )!;
        const value = plan.skip || plan.card === '' ? { ...action.data } : { ...action.data, value: plan.card };
        posted = await h.post(
          submitActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: thread, replyToId: q.activityId, value }),
        );
      }
      expect(posted.status).toBe(200);
      const calls = connector.calls.slice(before);
      // the next step is posted in the same reply chain first (what the person waits for), then the answered card
      // is updated in place
      expect(
        calls.map((c) => c.kind),
        `after ${q.questionId}: ${JSON.stringify(calls.map((c) => cardText(firstCard(c))))}`,
      ).toEqual(['reply', 'update']);
      expect(calls[0]!.conversationId).toBe(thread);
      expect(calls[1]!.activityId).toBe(q.activityId);
      expect(calls[1]!.conversationId).toBe(thread);
      expect(submitActions(firstCard(calls[1]!))).toEqual([]);
      expect(cardText(firstCard(calls[1]!))).toMatch(/^.+\n✔ .+\nAnswered by Alex Kim$/);
    }

    expect(asked.slice(0, 4)).toEqual(['workload_kind', 'cloud_provider', 'state_location', 'traffic_shape']);
    const recommendation = connector.posted().at(-1)!;
    expect(isRecommendationCard(recommendation)).toBe(true);
    const card = firstCard(recommendation);
    expect(cardText(card)).toMatch(/^Compute review: payments-webhooks\nRecommended: /);
    expect((await h.services.store.reviews.get(review.id))!.status).toBe('completed');
    expect((await h.services.store.messages.get(review.id, 'card'))?.messageRef).toBe(recommendation.responseId);
    // stored answers match the plan
    const answers = await h.services.store.answers.current(review.id);
    expect(answers).toMatchObject({ workload_kind: 'api', state_location: 'external_store', traffic_shape: 'bursty', request_rate: 40 });
    expect(asked).toContain('peak_memory'); // skipped with the card's Skip action
    expect(answers.peak_memory ?? null).toBeNull();

    // record the decision from the card
    const record = submitActions(card).find((a) => a.data.ca === 'record_decision')!;
    const decided = await h.post(
      submitActivity({
        serviceUrl: connector.serviceUrl,
        from: ALEX,
        conversationId: thread,
        replyToId: recommendation.responseId!,
        value: { ...record.data, chosenModel: 'containers' },
      }),
    );
    expect(decided.status).toBe(200);
    expect(cardText(firstCard(connector.posted().at(-1)!))).toContain('Decision recorded: ');
    expect(await h.services.store.decisions.list(review.id)).toMatchObject([{ chosenModel: 'containers', decidedBy: ALEX.id }]);

    // every card the bot sent validates against the 1.5 schema, parses with `adaptivecards`, fits in 28 KB
    const cards = connector.cards();
    expect(cards.length).toBeGreaterThan(20);
    for (const sent of cards) expect(validateAdaptiveCard(sent), cardText(sent).slice(0, 200)).toEqual([]);
  });
});

describe('Teams interview in a personal chat', () => {
  it('needs no mention, takes typed answers and "None of these", and ends with the card', async () => {
    h = await startHarness();
    const { connector } = h;
    const chat = 'a:1personal-chat-with-alex';
    const say = (text: string) => h!.post(personalActivity({ serviceUrl: connector.serviceUrl, from: ALEX, conversationId: chat, text }));
    expect((await say('compute-advice nightly-etl')).status).toBe(200);
    const review = (await h.services.store.reviews.listRecent(1))[0]!;
    expect(review).toMatchObject({ channelId: chat, threadRef: chat, workloadName: 'nightly-etl' });

    const typed: Record<string, string> = {
      workload_kind: 'batch',
      state_location: 'external',
      traffic_shape: 'scheduled',
      runs_per_day: 'hourly',
      typical_duration: '20 min',
      peak_memory: '2 GB',
      os_needs: 'any linux',
      compliance_isolation: 'no',
      language_runtime: 'python',
      container_skills: 'strong',
      portability: 'no',
    };
    const asked: string[] = [];
    for (let turn = 0; turn < 30 && !isRecommendationCard(connector.posted().at(-1)!); turn++) {
      const q = latestQuestion(connector)!;
      asked.push(q.questionId);
      if (q.questionId === 'special_hardware') {
        const none = submitActions(firstCard(q.call)).find((a) => a.title === 'None of these')!;
        await h.post(
          personalActivity({
            serviceUrl: connector.serviceUrl,
            from: ALEX,
            conversationId: chat,
            replyToId: q.activityId,
            value: { ...none.data },
          }),
        );
      } else {
        await say(typed[q.questionId] ?? '1');
      }
      // personal chats have no reply chain: the bot posts straight into the conversation
      expect(connector.posted().at(-1)!.conversationId).toBe(chat);
    }
    expect(asked).toContain('special_hardware');
    expect(asked).toContain('runs_per_day');
    expect(await h.services.store.answers.current(review.id)).toMatchObject({
      workload_kind: 'batch_job',
      special_hardware: [],
      typical_duration: 1200,
    });
    expect(isRecommendationCard(connector.posted().at(-1)!)).toBe(true);
    for (const sent of connector.cards()) expect(validateAdaptiveCard(sent)).toEqual([]);
  });
});

function fallbackValue(card: Record<string, unknown>): string {
  const choice = elementsOfType(card, 'Input.ChoiceSet')[0] as { choices: Array<{ value: string }> } | undefined;
  return choice ? choice.choices[0]!.value : '1';
}

/**
 * Only the requester and the people they added can answer, skip, go back, change, cancel or record a decision;
 * only the requester can add people. A refused attempt changes nothing in the database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewService } from '../../src/app/review-service.js';
import {
  ALEX,
  CHANNEL_ID,
  SAM,
  TENANT_ID,
  cardText,
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
  type Person,
} from '../teams/helpers/teams-harness.js';
import { completeReview, tempServices, validAnswer, type TempServices } from './helpers/reviews.js';
import type { SqlDatabase } from '../../src/storage/sql-database.js';

const REQUESTER = 'U0REQUESTER';
const HELPER = 'U0HELPER';
const STRANGER = 'U0STRANGER';

type Db = SqlDatabase;

/** Everything a review action could touch, for one review (and the global dedupe table). */
async function snapshot(db: Db, reviews: ReviewService, reviewId: string) {
  const q = db.q;
  return {
    review: await reviews.get(reviewId),
    answers: await q
      .selectFrom('answers')
      .select(['question_id', 'value_json', 'answered_by', 'answered_at'])
      .where('review_id', '=', reviewId)
      .orderBy('question_id')
      .execute(),
    history: await q.selectFrom('answer_history').selectAll().where('review_id', '=', reviewId).orderBy('id').execute(),
    participants: await q.selectFrom('participants').selectAll().where('review_id', '=', reviewId).orderBy('user_id').execute(),
    recommendations: await q.selectFrom('recommendations').select('id').where('review_id', '=', reviewId).orderBy('id').execute(),
    decisions: await q.selectFrom('decisions').selectAll().where('review_id', '=', reviewId).orderBy('id').execute(),
    processedEvents: Number(
      (
        await q
          .selectFrom('processed_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

describe('ReviewService: strangers change nothing', () => {
  let s: TempServices;
  let open: string;
  let done: string;
  let cancelled: string;
  beforeAll(async () => {
    s = await tempServices();
    const place = { platform: 'slack' as const, workspaceId: 'T0SEC', channelId: 'C0PART' };
    open = (await s.reviews.start({ ...place, threadRef: '1772441000.000001' }, REQUESTER, 'payments-webhooks')).review.id;
    // two answers in, so back and change have something to act on
    for (let i = 0; i < 2; i++) {
      const step = (await s.reviews.step(open))!;
      if (step.kind !== 'question') throw new Error('expected a question');
      expect((await s.reviews.answer(open, REQUESTER, { text: validAnswer(step.question), questionId: step.question.id })).kind).toBe(
        'accepted',
      );
    }
    done = (await s.reviews.start({ ...place, threadRef: '1772441000.000002' }, REQUESTER, 'nightly-etl')).review.id;
    await completeReview(s.reviews, done, REQUESTER);
    cancelled = (await s.reviews.start({ ...place, threadRef: '1772441000.000003' }, REQUESTER, 'old')).review.id;
    expect((await s.reviews.cancel(cancelled, REQUESTER)).kind).toBe('ok');
  });
  afterAll(() => s.dispose());

  const attempts = async (reviewId: string, actor: string) => {
    const step = await s.reviews.step(reviewId);
    const current = step?.kind === 'question' ? step.question : s.script.questions[0]!;
    const answered = (await s.reviews.answeredQuestions(reviewId))[0]?.id ?? s.script.questions[0]!.id;
    return {
      answer: () =>
        s.reviews.answer(reviewId, actor, { text: validAnswer(current), questionId: current.id, dedupeKey: `slack:E-${actor}-1` }),
      'typed answer': () => s.reviews.answer(reviewId, actor, { text: validAnswer(current) }),
      skip: () => s.reviews.skip(reviewId, actor, current.id, `slack:E-${actor}-2`),
      back: () => s.reviews.back(reviewId, actor, current.id),
      change: () => s.reviews.change(reviewId, actor, answered),
      cancel: () => s.reviews.cancel(reviewId, actor),
      'record decision': () => s.reviews.recordDecision(reviewId, actor, 'vm', { note: 'chosen by a stranger' }),
      'add themselves': () => s.reviews.addParticipant(reviewId, actor, actor),
    };
  };

  it.each(['open', 'completed', 'cancelled'] as const)(
    'on a %s review every action is not_participant and the database is unchanged',
    async (which) => {
      const reviewId = { open, completed: done, cancelled }[which];
      for (const [name, attempt] of Object.entries(await attempts(reviewId, STRANGER))) {
        const before = await snapshot(s.database, s.reviews, reviewId);
        const result = await attempt();
        expect(result.kind, name).toBe('not_participant');
        expect(await snapshot(s.database, s.reviews, reviewId), name).toEqual(before);
      }
      expect(await s.reviews.isParticipant(reviewId, STRANGER)).toBe(false);
    },
  );

  it('an unknown review is not_found for everyone, and nothing is created', async () => {
    const count = async () =>
      Number(
        (
          await s.database.q
            .selectFrom('reviews')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    for (const [name, attempt] of Object.entries(await attempts('r-doesnotexist', REQUESTER))) {
      expect((await attempt()).kind, name).toBe('not_found');
    }
    expect(await count()).toBe(before);
  });

  it('only the requester adds people; an added person can answer but not add others', async () => {
    const reviewId = (
      await s.reviews.start(
        { platform: 'slack', workspaceId: 'T0SEC', channelId: 'C0PART', threadRef: '1772441000.000004' },
        REQUESTER,
        'adders',
      )
    ).review.id;
    const before = await snapshot(s.database, s.reviews, reviewId);
    expect((await s.reviews.addParticipant(reviewId, STRANGER, HELPER)).kind).toBe('not_participant');
    expect(await snapshot(s.database, s.reviews, reviewId)).toEqual(before);

    expect((await s.reviews.addParticipant(reviewId, REQUESTER, HELPER)).kind).toBe('ok');
    expect((await s.reviews.addParticipant(reviewId, REQUESTER, HELPER)).kind).toBe('already');
    const withHelper = await snapshot(s.database, s.reviews, reviewId);
    expect((await s.reviews.addParticipant(reviewId, HELPER, STRANGER)).kind).toBe('not_participant');
    expect(await snapshot(s.database, s.reviews, reviewId)).toEqual(withHelper);
    expect(await s.reviews.isParticipant(reviewId, STRANGER)).toBe(false);

    // the positive control: the helper's answer counts
    const step = (await s.reviews.step(reviewId))!;
    if (step.kind !== 'question') throw new Error('expected a question');
    expect((await s.reviews.answer(reviewId, HELPER, { text: validAnswer(step.question), questionId: step.question.id })).kind).toBe(
      'accepted',
    );
    expect((await s.store.answers.list(reviewId)).map((a) => a.answeredBy)).toEqual([HELPER]);
  });
});

describe('Teams endpoint: a stranger in the thread', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const post = (
    from: Person,
    extra: { text?: string; conversationId: string; replyToId?: string; value?: Record<string, unknown>; alsoMention?: Person[] },
  ) =>
    extra.value
      ? h!.post(
          submitActivity({
            serviceUrl: h!.connector.serviceUrl,
            from,
            conversationId: extra.conversationId,
            replyToId: extra.replyToId!,
            value: extra.value,
          }),
        )
      : h!.post(
          mentionActivity({
            serviceUrl: h!.connector.serviceUrl,
            from,
            conversationId: extra.conversationId,
            text: extra.text ?? '',
            ...(extra.alsoMention ? { alsoMention: extra.alsoMention } : {}),
          }),
        );

  it('cannot answer, skip, cancel, add people, change an answer or record a decision', async () => {
    h = await startHarness();
    const rootId = nextActivityId();
    await h.post(mentionActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, id: rootId, text: 'compute-advice guarded' }));
    const thread = `${CHANNEL_ID};messageid=${rootId}`;
    const review = (await h.services.store.reviews.listForUser('teams', TENANT_ID, ALEX.id, 1))[0]!;
    const lastNotice = () => cardText(firstCard(h!.connector.posted().at(-1)!));

    const refusedOpen = async () => {
      const q = latestQuestion(h!.connector)!;
      const actions = submitActions(firstCard(q.call));
      const answer = actions.find((a) => a.data.ca === 'answer')!;
      const tries = [
        { text: 'api', conversationId: thread },
        { conversationId: thread, replyToId: q.activityId, value: { ...answer.data, value: 'api' } },
        { conversationId: thread, replyToId: q.activityId, value: { ca: 'skip', reviewId: review.id, questionId: q.questionId } },
        { conversationId: thread, replyToId: q.activityId, value: { ca: 'back', reviewId: review.id, questionId: q.questionId } },
        { text: 'cancel', conversationId: thread },
      ];
      for (const attempt of tries) {
        const before = await snapshot(h!.services.database, h!.services.reviews, review.id);
        expect((await post(SAM, attempt)).status).toBe(200);
        expect(lastNotice(), JSON.stringify(attempt)).toMatch(/^Only the person who started this review/);
        expect(await snapshot(h!.services.database, h!.services.reviews, review.id)).toEqual(before);
      }
      const before = await snapshot(h!.services.database, h!.services.reviews, review.id);
      await post(SAM, { text: 'add', conversationId: thread, alsoMention: [SAM] });
      expect(lastNotice()).toBe('Only the person who started this review can add people to it.');
      expect(await snapshot(h!.services.database, h!.services.reviews, review.id)).toEqual(before);
    };
    await refusedOpen();

    // Alex finishes the review; Sam still cannot change it or record the decision
    for (let turn = 0; turn < 40 && !isRecommendationCard(h.connector.posted().at(-1)!); turn++) {
      const q = latestQuestion(h.connector)!;
      const question = h.services.script.questions.find((x) => x.id === q.questionId)!;
      const actions = submitActions(firstCard(q.call));
      const skip = actions.find((a) => a.title === 'Skip');
      const answer = actions.find((a) => a.title === 'Answer')!;
      const value = question.optional && skip ? { ...skip.data } : { ...answer.data, value: validAnswer(question) };
      await post(ALEX, { conversationId: thread, replyToId: q.activityId, value });
    }
    const card = h.connector.posted().at(-1)!;
    expect(isRecommendationCard(card)).toBe(true);
    const change = submitActions(firstCard(card)).find((a) => a.data.ca === 'change_answer')!;
    const record = submitActions(firstCard(card)).find((a) => a.data.ca === 'record_decision')!;
    for (const value of [
      { ...change.data, questionId: 'workload_kind' },
      { ...record.data, chosenModel: 'vm' },
    ]) {
      const before = await snapshot(h.services.database, h.services.reviews, review.id);
      await post(SAM, { conversationId: thread, replyToId: card.responseId!, value });
      expect(lastNotice()).toMatch(/^Only the person who started this review/);
      expect(await snapshot(h.services.database, h.services.reviews, review.id)).toEqual(before);
    }
    expect((await h.services.store.reviews.get(review.id))!.status).toBe('completed');
  });
});

describe('Teams endpoint: a review is answered only in its own conversation', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("a card's submit from another chat, another tenant or another platform's review changes nothing", async () => {
    h = await startHarness();
    const home = 'a:alex-personal-chat';
    await h.post(personalActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: home, text: 'compute-advice bound' }));
    const review = (await h.services.store.reviews.listForUser('teams', TENANT_ID, ALEX.id, 1))[0]!;
    const q = latestQuestion(h.connector)!;
    const answer = submitActions(firstCard(q.call)).find((a) => a.data.ca === 'answer')!;
    const value = { ...answer.data, value: validAnswer(h.services.script.questions.find((x) => x.id === q.questionId)!) };
    const elsewhere: Array<[string, Record<string, unknown>]> = [
      // the requester themself, submitting the card's data from a group chat
      [
        'another conversation',
        personalActivity({
          serviceUrl: h.connector.serviceUrl,
          from: ALEX,
          conversationId: 'a:group-chat',
          replyToId: q.activityId,
          value,
        }),
      ],
      // the same person and conversation id, in another tenant
      [
        'another tenant',
        {
          ...personalActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: home, replyToId: q.activityId, value }),
          conversation: { id: home, conversationType: 'personal', tenantId: 'other-tenant' },
          channelData: { tenant: { id: 'other-tenant' } },
        },
      ],
    ];
    for (const [label, activity] of elsewhere) {
      const before = await snapshot(h.services.database, h.services.reviews, review.id);
      expect((await h.post(activity)).status, label).toBe(200);
      expect(cardText(firstCard(h.connector.posted().at(-1)!)), label).toMatch(/belongs to a review in another conversation/);
      expect(await snapshot(h.services.database, h.services.reviews, review.id), label).toEqual(before);
    }
    // a Slack review's id submitted on Teams
    const slack = (await h.services.reviews.start({ platform: 'slack', workspaceId: TENANT_ID, channelId: home }, ALEX.id, 'slack review'))
      .review;
    const slackQuestion = (await h.services.reviews.step(slack.id))!;
    if (slackQuestion.kind !== 'question') throw new Error('expected a question');
    const before = await snapshot(h.services.database, h.services.reviews, slack.id);
    await h.post(
      personalActivity({
        serviceUrl: h.connector.serviceUrl,
        from: ALEX,
        conversationId: home,
        replyToId: q.activityId,
        value: { ca: 'answer', reviewId: slack.id, questionId: slackQuestion.question.id, value: validAnswer(slackQuestion.question) },
      }),
    );
    expect(await snapshot(h.services.database, h.services.reviews, slack.id)).toEqual(before);
    // in its own conversation the same submit is taken
    await h.post(
      personalActivity({ serviceUrl: h.connector.serviceUrl, from: ALEX, conversationId: home, replyToId: q.activityId, value }),
    );
    expect(await h.services.store.answers.list(review.id)).toHaveLength(1);
  });
});

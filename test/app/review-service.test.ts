/**
 * The app layer's outcomes, straight from the use cases: duplicate, stale and refused, with what is stored each
 * time. Two services on one SQLite file stand for two instances behind a load balancer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_GRACE_MS } from '../../src/app/review-service.js';
import { createServices } from '../../src/app/services.js';
import { completeReview, type MovableClock, movableClock, type TempServices, tempServices } from '../security/helpers/reviews.js';

const PLACE = { platform: 'slack' as const, workspaceId: 'T0APP', channelId: 'C0APP' };
const ME = 'U0ME';
const OTHER = 'U0OTHER';

let s: TempServices;
let clock: MovableClock;
afterEach(() => s?.dispose());

async function fresh(): Promise<TempServices> {
  clock = movableClock(Date.UTC(2026, 10, 23, 9));
  s = await tempServices(clock);
  return s;
}

async function started(thread = '1763000000.000001') {
  const result = await s.reviews.startInThread({ ...PLACE, threadRef: thread }, ME, 'payments', {
    parentRef: thread,
    dedupeKey: `start-${thread}`,
  });
  if (result.kind !== 'started') throw new Error(result.kind);
  return result;
}

describe('startInThread', () => {
  it('stores the review, its parent message and the delivery once; a redelivery is a duplicate, another start already_running', async () => {
    await fresh();
    const { review } = await started();
    expect(await s.reviews.messageRef(review.id, 'parent')).toBe('1763000000.000001');
    expect(
      await s.reviews.startInThread({ ...PLACE, threadRef: '1763000000.000001' }, ME, 'payments', { dedupeKey: 'start-1763000000.000001' }),
    ).toMatchObject({ kind: 'duplicate', review: { id: review.id } });
    expect(await s.reviews.startInThread({ ...PLACE, threadRef: '1763000000.000001' }, OTHER, 'other')).toMatchObject({
      kind: 'already_running',
      review: { id: review.id },
    });
    expect(await s.reviews.listRecent(10)).toHaveLength(1);
  });
});

describe('answer', () => {
  it('accepted once per delivery; the same delivery again is a duplicate; an old question is stale; a stranger is refused', async () => {
    await fresh();
    const { review, step } = await started();
    if (step.kind !== 'question') throw new Error('expected a question');
    const input = { text: String(step.question.choices?.[0]?.value ?? '1'), questionId: step.question.id, dedupeKey: 'ev-1' };
    expect((await s.reviews.answer(review.id, ME, input)).kind).toBe('accepted');
    expect((await s.reviews.answer(review.id, ME, input)).kind).toBe('duplicate');
    expect((await s.reviews.answer(review.id, ME, { ...input, dedupeKey: 'ev-2' })).kind).toBe('stale');
    expect((await s.reviews.answer(review.id, OTHER, { ...input, dedupeKey: 'ev-3' })).kind).toBe('not_participant');
    expect(await s.store.answers.history(review.id)).toHaveLength(1);
  });
});

describe('unpostedStep', () => {
  it('names the current question only when no message was stored for it and the grace has passed', async () => {
    await fresh();
    const { review, step } = await started();
    if (step.kind !== 'question') throw new Error('expected a question');
    clock.advance(RECOVERY_GRACE_MS);
    expect(await s.reviews.unpostedStep(review.id)).toMatchObject({ step: { kind: 'question', question: { id: step.question.id } } });
    await s.reviews.notePosted(review.id, 'question', step.question.id, '1763000000.000002');
    expect(await s.reviews.unpostedStep(review.id)).toBeUndefined();
  });

  it('is nothing within the grace: a delivery still posting must not be doubled', async () => {
    await fresh();
    const { review } = await started();
    clock.advance(RECOVERY_GRACE_MS - 1);
    expect(await s.reviews.unpostedStep(review.id)).toBeUndefined();
  });
});

describe('recordDecision', () => {
  it('records once per delivery, also when two instances race, and refuses strangers and reviews without a recommendation', async () => {
    await fresh();
    const { review } = await started();
    expect(await s.reviews.recordDecision(review.id, ME, 'vm', { dedupeKey: 'd-0' })).toMatchObject({ kind: 'rejected' });
    await completeReview(s.reviews, review.id, ME);
    const other = await createServices({ database: s.target, clock });
    try {
      const results = [
        await s.reviews.recordDecision(review.id, ME, 'vm', { dedupeKey: 'd-1' }),
        await other.reviews.recordDecision(review.id, ME, 'vm', { dedupeKey: 'd-1' }),
      ];
      expect(results.map((r) => r.kind)).toEqual(['ok', 'duplicate']);
    } finally {
      await other.close();
    }
    expect((await s.reviews.recordDecision(review.id, OTHER, 'vm', { dedupeKey: 'd-2' })).kind).toBe('not_participant');
    expect(await s.store.decisions.list(review.id)).toHaveLength(1);
  });
});

describe('addParticipants and share', () => {
  it('counts who was added and who could answer already; only the requester adds; a share is once per click', async () => {
    await fresh();
    const { review } = await started();
    expect(await s.reviews.addParticipants(review.id, ME, [OTHER, ME])).toMatchObject({ kind: 'ok', added: [OTHER], already: [ME] });
    expect((await s.reviews.addParticipants(review.id, OTHER, ['U0THIRD'])).kind).toBe('not_participant');
    expect(await s.reviews.share(review.id, ME, 'sh-1')).toMatchObject({ kind: 'rejected' });
    await completeReview(s.reviews, review.id, ME);
    expect((await s.reviews.share(review.id, ME, 'sh-2')).kind).toBe('ok');
    expect((await s.reviews.share(review.id, ME, 'sh-2')).kind).toBe('duplicate');
  });
});

describe('expireIfIdle', () => {
  it('expires an idle interview once, through the interview engine, and leaves an active one alone', async () => {
    await fresh();
    const { review } = await started();
    expect(await s.reviews.expireIfIdle(review.id, review.lastActivityAt - 1)).toBeUndefined();
    expect(await s.reviews.expireIfIdle(review.id, review.lastActivityAt)).toMatchObject({ id: review.id, status: 'in_progress' });
    expect((await s.reviews.get(review.id))!.status).toBe('expired');
    expect(await s.reviews.expireIfIdle(review.id, clock.now())).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { freshStore } from './helpers.js';

const T0 = 1_760_000_000_000;

async function storeWithReviews(...ids: string[]) {
  const store = await freshStore();
  for (const id of ids) {
    await store.reviews.create({
      id,
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      threadRef: `${id}.ts`,
      requesterId: 'U1',
      workloadName: id,
      at: T0,
    });
  }
  return store;
}

describe('ParticipantRepository', () => {
  it('adds participants once and answers isParticipant', async () => {
    const store = await storeWithReviews('r');
    expect(await store.participants.add('r', 'U2', 'U1', T0 + 1)).toBe(true);
    expect(await store.participants.add('r', 'U2', 'U1', T0 + 2)).toBe(false);
    expect(await store.participants.add('r', 'U1', 'U1', T0 + 3)).toBe(false); // the requester keeps their role
    expect(await store.participants.isParticipant('r', 'U2')).toBe(true);
    expect(await store.participants.isParticipant('r', 'U3')).toBe(false);
    expect(await store.participants.list('r')).toEqual([
      { reviewId: 'r', userId: 'U1', role: 'requester', addedBy: 'U1', addedAt: T0 },
      { reviewId: 'r', userId: 'U2', role: 'participant', addedBy: 'U1', addedAt: T0 + 1 },
    ]);
  });
});

describe('RecommendationRepository', () => {
  it('saves results as JSON and returns the latest per review', async () => {
    const store = await storeWithReviews('a', 'b', 'c');
    const result = { recommended: 'faas', verdicts: { faas: 'optimal', vm: 'caution' }, reasons: ['short runs'] };
    const first = await store.recommendations.save('a', '2026.1', 'faas', result, T0);
    const second = await store.recommendations.save('a', '2026.2', 'containers', { recommended: 'containers' }, T0 + 1);
    await store.recommendations.save('b', '2026.2', 'vm', { recommended: 'vm' }, T0 + 2);
    expect(second).toBeGreaterThan(first);
    expect(await store.recommendations.latest('a')).toEqual({
      id: second,
      reviewId: 'a',
      rulesVersion: '2026.2',
      recommended: 'containers',
      result: { recommended: 'containers' },
      createdAt: T0 + 1,
    });
    expect(await store.recommendations.latest('c')).toBeUndefined();

    const byReview = await store.recommendations.listForReviews(['a', 'b', 'c', 'missing']);
    expect([...byReview.keys()].sort()).toEqual(['a', 'b']);
    expect(byReview.get('a')?.id).toBe(second);
    expect(byReview.get('b')?.recommended).toBe('vm');
    expect((await store.recommendations.listForReviews([])).size).toBe(0);
  });
});

describe('DecisionRepository', () => {
  it('records decisions and returns the latest and all', async () => {
    const store = await storeWithReviews('r');
    const id1 = await store.decisions.record({ reviewId: 'r', chosenModel: 'vm', againstAdvice: true, decidedBy: 'U1', at: T0 });
    const id2 = await store.decisions.record({
      reviewId: 'r',
      chosenModel: 'faas',
      againstAdvice: false,
      decidedBy: 'U2',
      note: 'after the review board',
      at: T0 + 1,
    });
    expect(await store.decisions.latest('r')).toEqual({
      id: id2,
      reviewId: 'r',
      chosenModel: 'faas',
      againstAdvice: false,
      decidedBy: 'U2',
      note: 'after the review board',
      createdAt: T0 + 1,
    });
    expect((await store.decisions.list('r')).map((d) => [d.id, d.againstAdvice, d.note])).toEqual([
      [id1, true, null],
      [id2, false, 'after the review board'],
    ]);
    expect(await store.decisions.latest('none')).toBeUndefined();
  });
});

describe('MessageRepository', () => {
  it('upserts one message per kind and question', async () => {
    const store = await storeWithReviews('r');
    await store.messages.save('r', 'parent', '', '100.1', T0);
    await store.messages.save('r', 'question', 'workload_kind', '100.2', T0 + 1);
    await store.messages.save('r', 'question', 'workload_kind', '100.3', T0 + 2);
    expect(await store.messages.get('r', 'parent')).toEqual({
      reviewId: 'r',
      kind: 'parent',
      questionId: '',
      messageRef: '100.1',
      createdAt: T0,
    });
    expect((await store.messages.get('r', 'question', 'workload_kind'))?.messageRef).toBe('100.3');
    expect(await store.messages.get('r', 'question', 'other')).toBeUndefined();
    expect(await store.messages.list('r')).toHaveLength(2);
  });
});

describe('EventDedupeRepository', () => {
  it('marks an event once, reports it processed, and prunes old keys', async () => {
    const store = await freshStore();
    expect(await store.events.hasProcessed('Ev1')).toBe(false);
    expect(await store.events.markProcessed('Ev1', 'slack', T0)).toBe(true);
    expect(await store.events.markProcessed('Ev1', 'slack', T0 + 1)).toBe(false);
    expect(await store.events.hasProcessed('Ev1')).toBe(true);
    await store.events.markProcessed('act-2', 'teams', T0 + 10);
    expect(await store.events.prune(T0 + 5)).toBe(1);
    expect(await store.events.hasProcessed('Ev1')).toBe(false);
    expect(await store.events.hasProcessed('act-2')).toBe(true);
  });
});

describe('ChannelSettingsRepository', () => {
  it('stores design-review settings with keywords and updates them in place', async () => {
    const store = await freshStore();
    expect(await store.channels.get('slack', 'T1', 'C1')).toBeUndefined();
    await store.channels.setDesignReview('slack', 'T1', 'C1', true, ['RFC', 'design doc'], 'U1', T0);
    expect(await store.channels.get('slack', 'T1', 'C1')).toEqual({
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      designReview: true,
      keywords: ['RFC', 'design doc'],
      updatedBy: 'U1',
      updatedAt: T0,
    });
    await store.channels.setDesignReview('slack', 'T1', 'C1', false, null, 'U2', T0 + 1);
    expect(await store.channels.get('slack', 'T1', 'C1')).toMatchObject({ designReview: false, keywords: null, updatedBy: 'U2' });
    expect(await store.channels.get('teams', 'T1', 'C1')).toBeUndefined();
  });

  it('records an offer only the first time for a message', async () => {
    const store = await freshStore();
    expect(await store.channels.recordOfferOnce('slack', 'C1', '171.1', T0)).toBe(true);
    expect(await store.channels.recordOfferOnce('slack', 'C1', '171.1', T0 + 1)).toBe(false);
    expect(await store.channels.recordOfferOnce('slack', 'C1', '171.2', T0 + 2)).toBe(true);
    expect(await store.channels.recordOfferOnce('teams', 'C1', '171.1', T0 + 3)).toBe(true);
  });
});

describe('Store.transaction', () => {
  it('commits several repositories together, or none when the function throws', async () => {
    const store = await storeWithReviews('r');
    await store.transaction(async () => {
      await store.answers.set('r', 'q', 1, 'U1', T0 + 1);
      await store.reviews.touch('r', T0 + 1);
    });
    expect((await store.reviews.get('r'))?.lastActivityAt).toBe(T0 + 1);

    await expect(
      store.transaction(async () => {
        await store.answers.set('r', 'q', 2, 'U1', T0 + 2);
        await store.reviews.touch('r', T0 + 2);
        throw new Error('posting failed');
      }),
    ).rejects.toThrow('posting failed');
    expect(await store.answers.current('r')).toEqual({ q: 1 });
    expect(await store.answers.history('r')).toHaveLength(1);
    expect((await store.reviews.get('r'))?.lastActivityAt).toBe(T0 + 1);
  });
});

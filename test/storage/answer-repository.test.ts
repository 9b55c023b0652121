import { describe, expect, it } from 'vitest';
import { freshStore } from './helpers.js';

const T0 = 1_760_000_000_000;

async function storeWithReview() {
  const store = await freshStore();
  await store.reviews.create({
    id: 'r',
    platform: 'cli',
    workspaceId: '',
    channelId: '',
    requesterId: 'me',
    workloadName: 'batch-etl',
    at: T0,
  });
  return store;
}

describe('AnswerRepository', () => {
  it('records answer, change and skip with previous values in history', async () => {
    const store = await storeWithReview();
    expect(await store.answers.set('r', 'workload_kind', 'api', 'U1', T0 + 1)).toEqual({
      action: 'answer',
      previousValue: undefined,
    });
    expect(await store.answers.set('r', 'workload_kind', 'job', 'U2', T0 + 2)).toEqual({ action: 'change', previousValue: 'api' });
    expect(await store.answers.set('r', 'peak_ratio', null, 'U1', T0 + 3)).toEqual({ action: 'skip', previousValue: undefined });
    expect(await store.answers.set('r', 'peak_ratio', 4, 'U1', T0 + 4)).toEqual({ action: 'change', previousValue: null });
    await store.answers.set('r', 'runtimes', ['node', 'go'], 'U1', T0 + 5);

    expect(await store.answers.current('r')).toEqual({ workload_kind: 'job', peak_ratio: 4, runtimes: ['node', 'go'] });
    expect((await store.answers.list('r')).find((a) => a.questionId === 'workload_kind')).toEqual({
      reviewId: 'r',
      questionId: 'workload_kind',
      value: 'job',
      answeredBy: 'U2',
      answeredAt: T0 + 2,
    });
    expect((await store.answers.history('r')).map(({ id: _id, reviewId: _r, ...rest }) => rest)).toEqual([
      { questionId: 'workload_kind', value: 'api', previousValue: undefined, action: 'answer', actor: 'U1', at: T0 + 1 },
      { questionId: 'workload_kind', value: 'job', previousValue: 'api', action: 'change', actor: 'U2', at: T0 + 2 },
      { questionId: 'peak_ratio', value: null, previousValue: undefined, action: 'skip', actor: 'U1', at: T0 + 3 },
      { questionId: 'peak_ratio', value: 4, previousValue: null, action: 'change', actor: 'U1', at: T0 + 4 },
      { questionId: 'runtimes', value: ['node', 'go'], previousValue: undefined, action: 'answer', actor: 'U1', at: T0 + 5 },
    ]);
  });

  it('writes nothing when the same value is set again (double click)', async () => {
    const store = await storeWithReview();
    await store.answers.set('r', 'q', 40, 'U1', T0);
    expect(await store.answers.set('r', 'q', 40, 'U1', T0 + 1)).toEqual({ action: null, previousValue: 40 });
    expect(await store.answers.history('r')).toHaveLength(1);
    expect((await store.answers.list('r'))[0]?.answeredAt).toBe(T0);
  });

  it('accepts an explicit action', async () => {
    const store = await storeWithReview();
    await store.answers.set('r', 'q', 1, 'U1', T0, 'change');
    expect((await store.answers.history('r'))[0]?.action).toBe('change');
  });

  it('clears answers, recording the cleared values, and ignores ids without an answer', async () => {
    const store = await storeWithReview();
    await store.answers.set('r', 'a', 1, 'U1', T0);
    await store.answers.set('r', 'b', null, 'U1', T0);
    expect(await store.answers.clear('r', ['a', 'b', 'never'], 'U2', T0 + 1)).toEqual(['a', 'b']);
    expect(await store.answers.current('r')).toEqual({});
    const clears = (await store.answers.history('r')).filter((h) => h.action === 'clear');
    expect(clears.map((h) => [h.questionId, h.value, h.previousValue, h.actor])).toEqual([
      ['a', undefined, 1, 'U2'],
      ['b', undefined, null, 'U2'],
    ]);
  });

  it('applies several sets and clears atomically', async () => {
    const store = await storeWithReview();
    await store.answers.set('r', 'shape', 'bursty', 'U1', T0);
    await store.answers.set('r', 'peak_ratio', 10, 'U1', T0);
    const result = await store.answers.applyChanges('r', { shape: 'steady', rps: 40 }, ['peak_ratio'], 'U1', T0 + 1);
    expect(result).toEqual({
      set: { shape: { action: 'change', previousValue: 'bursty' }, rps: { action: 'answer', previousValue: undefined } },
      cleared: ['peak_ratio'],
    });
    expect(await store.answers.current('r')).toEqual({ shape: 'steady', rps: 40 });
  });

  it('rolls back every change of applyChanges when one fails', async () => {
    const store = await storeWithReview();
    await store.answers.set('r', 'shape', 'bursty', 'U1', T0);
    const before = { current: await store.answers.current('r'), history: await store.answers.history('r') };
    await expect(store.answers.applyChanges('r', { shape: 'steady', bad: undefined }, [], 'U1', T0 + 1)).rejects.toThrow(TypeError);
    expect({ current: await store.answers.current('r'), history: await store.answers.history('r') }).toEqual(before);
  });

  it('refuses answers for an unknown review (foreign key) and stores nothing', async () => {
    const store = await storeWithReview();
    await expect(store.answers.set('ghost', 'q', 1, 'U1', T0)).rejects.toThrow(/FOREIGN KEY/i);
    expect(await store.answers.current('ghost')).toEqual({});
    expect(await store.answers.history('ghost')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { NewReview } from '../../src/storage/review-repository.js';
import { freshStore } from './helpers.js';

const T0 = 1_760_000_000_000;

function slackReview(overrides: Partial<NewReview> = {}): NewReview {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    threadRef: '1700000000.000100',
    requesterId: 'U1',
    workloadName: 'payments-webhooks',
    at: T0,
    ...overrides,
  };
}

describe('ReviewRepository', () => {
  it('creates a review with the requester as participant and reads it back', async () => {
    const store = await freshStore();
    const created = await store.reviews.create(slackReview({ id: 'r1' }));
    expect(created).toEqual({
      id: 'r1',
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      threadRef: '1700000000.000100',
      conversationRef: null,
      audience: null,
      requesterId: 'U1',
      workloadName: 'payments-webhooks',
      status: 'in_progress',
      reopenedQuestionId: null,
      reopenedBy: null,
      revisit: [],
      createdAt: T0,
      updatedAt: T0,
      completedAt: null,
      lastActivityAt: T0,
    });
    expect(await store.reviews.get('r1')).toEqual(created);
    expect(await store.participants.list('r1')).toEqual([{ reviewId: 'r1', userId: 'U1', role: 'requester', addedBy: 'U1', addedAt: T0 }]);
    expect(await store.reviews.get('nope')).toBeUndefined();
  });

  it('generates an id when none is given', async () => {
    const review = await (await freshStore()).reviews.create(slackReview());
    expect(review.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates nothing when the review insert fails (one transaction)', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'r1' }));
    await expect(store.reviews.create(slackReview({ id: 'r1', requesterId: 'U2' }))).rejects.toThrow(/UNIQUE|duplicate key/i);
    expect(await store.participants.isParticipant('r1', 'U2')).toBe(false);
    await expect(store.reviews.create(slackReview({ id: 'r2', platform: 'irc' as never }))).rejects.toThrow(/CHECK/i);
    expect(await store.reviews.get('r2')).toBeUndefined();
  });

  it('round-trips a Teams conversation reference as JSON', async () => {
    const store = await freshStore();
    const ref = { conversation: { id: '19:abc@thread.tacv2;messageid=123' }, serviceUrl: 'https://smba.example/' };
    await store.reviews.create(
      slackReview({ id: 't1', platform: 'teams', workspaceId: 'tenant', threadRef: ref.conversation.id, conversationRef: ref }),
    );
    expect((await store.reviews.get('t1'))?.conversationRef).toEqual(ref);
  });

  it('finds the newest review of a thread, and the open one', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'old', at: T0 }));
    await store.reviews.setStatus('old', 'cancelled', T0 + 1);
    await store.reviews.create(slackReview({ id: 'new', at: T0 + 2 }));
    expect((await store.reviews.findByThread('slack', 'C1', '1700000000.000100'))?.id).toBe('new');
    expect((await store.reviews.findOpenByThread('slack', 'C1', '1700000000.000100'))?.id).toBe('new');
    await store.reviews.setStatus('new', 'completed', T0 + 3);
    expect((await store.reviews.findByThread('slack', 'C1', '1700000000.000100'))?.id).toBe('new');
    expect(await store.reviews.findOpenByThread('slack', 'C1', '1700000000.000100')).toBeUndefined();
    expect(await store.reviews.findByThread('teams', 'C1', '1700000000.000100')).toBeUndefined();
  });

  it('lists reviews a user takes part in, newest activity first, within one workspace', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'a', at: T0 }));
    await store.reviews.create(slackReview({ id: 'b', requesterId: 'U2', at: T0 + 1 }));
    await store.reviews.create(slackReview({ id: 'c', at: T0 + 2 }));
    await store.reviews.create(slackReview({ id: 'other-ws', workspaceId: 'T2', at: T0 + 3 }));
    await store.participants.add('b', 'U1', 'U2', T0 + 4);
    await store.reviews.touch('a', T0 + 5);
    expect((await store.reviews.listForUser('slack', 'T1', 'U1', 10)).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect((await store.reviews.listForUser('slack', 'T1', 'U1', 2)).map((r) => r.id)).toEqual(['a', 'c']);
    expect(await store.reviews.listForUser('slack', 'T1', 'U3', 10)).toEqual([]);
  });

  it('lists recent reviews with optional filters', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'a', at: T0 }));
    await store.reviews.create(slackReview({ id: 'b', channelId: 'C2', at: T0 + 1 }));
    await store.reviews.create(slackReview({ id: 'c', platform: 'cli', workspaceId: '', channelId: '', at: T0 + 2 }));
    await store.reviews.setStatus('a', 'completed', T0 + 3);
    expect((await store.reviews.listRecent(10)).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect((await store.reviews.listRecent(1)).map((r) => r.id)).toEqual(['c']);
    expect((await store.reviews.listRecent(10, { platform: 'slack' })).map((r) => r.id)).toEqual(['b', 'a']);
    expect((await store.reviews.listRecent(10, { channelId: 'C2' })).map((r) => r.id)).toEqual(['b']);
    expect((await store.reviews.listRecent(10, { status: 'completed' })).map((r) => r.id)).toEqual(['a']);
    expect(await store.reviews.listRecent(10, { platform: 'slack', workspaceId: 'T9' })).toEqual([]);
  });

  it('sets status with completedAt only for completed, and can require the current status', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'r' }));
    expect(await store.reviews.setStatus('r', 'completed', T0 + 10)).toBe(true);
    expect(await store.reviews.get('r')).toMatchObject({ status: 'completed', completedAt: T0 + 10, updatedAt: T0 + 10 });
    expect(await store.reviews.setStatus('r', 'expired', T0 + 20, { from: 'in_progress' })).toBe(false);
    expect((await store.reviews.get('r'))?.status).toBe('completed');
    expect(await store.reviews.setStatus('r', 'in_progress', T0 + 30, { from: 'completed' })).toBe(true);
    expect(await store.reviews.get('r')).toMatchObject({ status: 'in_progress', completedAt: null });
    expect(await store.reviews.setStatus('missing', 'cancelled', T0)).toBe(false);
  });

  it('sets and clears the re-opened question, touches, and sets the thread', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'r', threadRef: null }));
    await store.reviews.setReopened('r', 'traffic_shape', T0 + 1, 'back');
    expect(await store.reviews.get('r')).toMatchObject({ reopenedQuestionId: 'traffic_shape', reopenedBy: 'back', lastActivityAt: T0 + 1 });
    await store.reviews.setReopened('r', null, T0 + 2);
    expect(await store.reviews.get('r')).toMatchObject({ reopenedQuestionId: null, reopenedBy: null });
    await store.reviews.setRevisit('r', ['latency_target', 'peak_memory'], T0 + 2);
    expect((await store.reviews.get('r'))?.revisit).toEqual(['latency_target', 'peak_memory']);
    await store.reviews.setRevisit('r', [], T0 + 2);
    expect((await store.reviews.get('r'))?.revisit).toEqual([]);
    await store.reviews.touch('r', T0 + 3);
    expect(await store.reviews.get('r')).toMatchObject({ updatedAt: T0 + 3, lastActivityAt: T0 + 3 });

    await store.reviews.setThreadRef('r', '1.2', { conversation: { id: 'x' } });
    expect(await store.reviews.get('r')).toMatchObject({ threadRef: '1.2', conversationRef: { conversation: { id: 'x' } } });
    await store.reviews.setThreadRef('r', '1.3');
    expect(await store.reviews.get('r')).toMatchObject({ threadRef: '1.3', conversationRef: { conversation: { id: 'x' } } });
    await store.reviews.setThreadRef('r', '1.4', null);
    expect(await store.reviews.get('r')).toMatchObject({ threadRef: '1.4', conversationRef: null });
  });

  it('lists stalled in_progress reviews idle since before a time, longest idle first', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'idle', at: T0 }));
    await store.reviews.create(slackReview({ id: 'idler', at: T0 - 5 }));
    await store.reviews.create(slackReview({ id: 'busy', at: T0 }));
    await store.reviews.create(slackReview({ id: 'done', at: T0 - 10 }));
    await store.reviews.setStatus('done', 'completed', T0 - 9);
    await store.reviews.touch('busy', T0 + 100);
    expect((await store.reviews.listStalled(T0 + 50)).map((r) => r.id)).toEqual(['idler', 'idle']);
    expect(await store.reviews.listStalled(T0 - 5)).toEqual([]);
  });

  it('lists completed reviews in a time window for a channel or a workspace', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'c1', channelId: 'C1' }));
    await store.reviews.create(slackReview({ id: 'c2', channelId: 'C2' }));
    await store.reviews.create(slackReview({ id: 'late', channelId: 'C1' }));
    await store.reviews.create(slackReview({ id: 'open', channelId: 'C1' }));
    await store.reviews.setStatus('c1', 'completed', T0 + 100);
    await store.reviews.setStatus('c2', 'completed', T0 + 200);
    await store.reviews.setStatus('late', 'completed', T0 + 1000);
    expect((await store.reviews.listCompleted('slack', 'T1', 'C1', T0, T0 + 1000)).map((r) => r.id)).toEqual(['c1']);
    expect((await store.reviews.listCompleted('slack', 'T1', null, T0, T0 + 1001)).map((r) => r.id)).toEqual(['c1', 'c2', 'late']);
  });

  it('deleting a review cascades to its rows', async () => {
    const store = await freshStore();
    await store.reviews.create(slackReview({ id: 'r' }));
    await store.answers.set('r', 'q', 1, 'U1', T0);
    await store.database.q.deleteFrom('reviews').where('id', '=', 'r').execute();
    expect(await store.answers.current('r')).toEqual({});
    expect(await store.answers.history('r')).toEqual([]);
    expect(await store.participants.list('r')).toEqual([]);
  });
});

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
  it('creates a review with the requester as participant and reads it back', () => {
    const store = freshStore();
    const created = store.reviews.create(slackReview({ id: 'r1' }));
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
    expect(store.reviews.get('r1')).toEqual(created);
    expect(store.participants.list('r1')).toEqual([{ reviewId: 'r1', userId: 'U1', role: 'requester', addedBy: 'U1', addedAt: T0 }]);
    expect(store.reviews.get('nope')).toBeUndefined();
  });

  it('generates an id when none is given', () => {
    const review = freshStore().reviews.create(slackReview());
    expect(review.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('creates nothing when the review insert fails (one transaction)', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'r1' }));
    expect(() => store.reviews.create(slackReview({ id: 'r1', requesterId: 'U2' }))).toThrow(/UNIQUE/);
    expect(store.participants.isParticipant('r1', 'U2')).toBe(false);
    expect(() => store.reviews.create(slackReview({ id: 'r2', platform: 'irc' as never }))).toThrow(/CHECK/);
    expect(store.reviews.get('r2')).toBeUndefined();
  });

  it('round-trips a Teams conversation reference as JSON', () => {
    const store = freshStore();
    const ref = { conversation: { id: '19:abc@thread.tacv2;messageid=123' }, serviceUrl: 'https://smba.example/' };
    store.reviews.create(
      slackReview({ id: 't1', platform: 'teams', workspaceId: 'tenant', threadRef: ref.conversation.id, conversationRef: ref }),
    );
    expect(store.reviews.get('t1')?.conversationRef).toEqual(ref);
  });

  it('finds the newest review of a thread, and the open one', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'old', at: T0 }));
    store.reviews.setStatus('old', 'cancelled', T0 + 1);
    store.reviews.create(slackReview({ id: 'new', at: T0 + 2 }));
    expect(store.reviews.findByThread('slack', 'C1', '1700000000.000100')?.id).toBe('new');
    expect(store.reviews.findOpenByThread('slack', 'C1', '1700000000.000100')?.id).toBe('new');
    store.reviews.setStatus('new', 'completed', T0 + 3);
    expect(store.reviews.findByThread('slack', 'C1', '1700000000.000100')?.id).toBe('new');
    expect(store.reviews.findOpenByThread('slack', 'C1', '1700000000.000100')).toBeUndefined();
    expect(store.reviews.findByThread('teams', 'C1', '1700000000.000100')).toBeUndefined();
  });

  it('lists reviews a user takes part in, newest activity first, within one workspace', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'a', at: T0 }));
    store.reviews.create(slackReview({ id: 'b', requesterId: 'U2', at: T0 + 1 }));
    store.reviews.create(slackReview({ id: 'c', at: T0 + 2 }));
    store.reviews.create(slackReview({ id: 'other-ws', workspaceId: 'T2', at: T0 + 3 }));
    store.participants.add('b', 'U1', 'U2', T0 + 4);
    store.reviews.touch('a', T0 + 5);
    expect(store.reviews.listForUser('slack', 'T1', 'U1', 10).map((r) => r.id)).toEqual(['a', 'c', 'b']);
    expect(store.reviews.listForUser('slack', 'T1', 'U1', 2).map((r) => r.id)).toEqual(['a', 'c']);
    expect(store.reviews.listForUser('slack', 'T1', 'U3', 10)).toEqual([]);
  });

  it('lists recent reviews with optional filters', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'a', at: T0 }));
    store.reviews.create(slackReview({ id: 'b', channelId: 'C2', at: T0 + 1 }));
    store.reviews.create(slackReview({ id: 'c', platform: 'cli', workspaceId: '', channelId: '', at: T0 + 2 }));
    store.reviews.setStatus('a', 'completed', T0 + 3);
    expect(store.reviews.listRecent(10).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(store.reviews.listRecent(1).map((r) => r.id)).toEqual(['c']);
    expect(store.reviews.listRecent(10, { platform: 'slack' }).map((r) => r.id)).toEqual(['b', 'a']);
    expect(store.reviews.listRecent(10, { channelId: 'C2' }).map((r) => r.id)).toEqual(['b']);
    expect(store.reviews.listRecent(10, { status: 'completed' }).map((r) => r.id)).toEqual(['a']);
    expect(store.reviews.listRecent(10, { platform: 'slack', workspaceId: 'T9' })).toEqual([]);
  });

  it('sets status with completedAt only for completed, and can require the current status', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'r' }));
    expect(store.reviews.setStatus('r', 'completed', T0 + 10)).toBe(true);
    expect(store.reviews.get('r')).toMatchObject({ status: 'completed', completedAt: T0 + 10, updatedAt: T0 + 10 });
    expect(store.reviews.setStatus('r', 'expired', T0 + 20, { from: 'in_progress' })).toBe(false);
    expect(store.reviews.get('r')?.status).toBe('completed');
    expect(store.reviews.setStatus('r', 'in_progress', T0 + 30, { from: 'completed' })).toBe(true);
    expect(store.reviews.get('r')).toMatchObject({ status: 'in_progress', completedAt: null });
    expect(store.reviews.setStatus('missing', 'cancelled', T0)).toBe(false);
  });

  it('sets and clears the re-opened question, touches, and sets the thread', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'r', threadRef: null }));
    store.reviews.setReopened('r', 'traffic_shape', T0 + 1, 'back');
    expect(store.reviews.get('r')).toMatchObject({ reopenedQuestionId: 'traffic_shape', reopenedBy: 'back', lastActivityAt: T0 + 1 });
    store.reviews.setReopened('r', null, T0 + 2);
    expect(store.reviews.get('r')).toMatchObject({ reopenedQuestionId: null, reopenedBy: null });
    store.reviews.setRevisit('r', ['latency_target', 'peak_memory'], T0 + 2);
    expect(store.reviews.get('r')?.revisit).toEqual(['latency_target', 'peak_memory']);
    store.reviews.setRevisit('r', [], T0 + 2);
    expect(store.reviews.get('r')?.revisit).toEqual([]);
    store.reviews.touch('r', T0 + 3);
    expect(store.reviews.get('r')).toMatchObject({ updatedAt: T0 + 3, lastActivityAt: T0 + 3 });

    store.reviews.setThreadRef('r', '1.2', { conversation: { id: 'x' } });
    expect(store.reviews.get('r')).toMatchObject({ threadRef: '1.2', conversationRef: { conversation: { id: 'x' } } });
    store.reviews.setThreadRef('r', '1.3');
    expect(store.reviews.get('r')).toMatchObject({ threadRef: '1.3', conversationRef: { conversation: { id: 'x' } } });
    store.reviews.setThreadRef('r', '1.4', null);
    expect(store.reviews.get('r')).toMatchObject({ threadRef: '1.4', conversationRef: null });
  });

  it('lists stalled in_progress reviews idle since before a time, longest idle first', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'idle', at: T0 }));
    store.reviews.create(slackReview({ id: 'idler', at: T0 - 5 }));
    store.reviews.create(slackReview({ id: 'busy', at: T0 }));
    store.reviews.create(slackReview({ id: 'done', at: T0 - 10 }));
    store.reviews.setStatus('done', 'completed', T0 - 9);
    store.reviews.touch('busy', T0 + 100);
    expect(store.reviews.listStalled(T0 + 50).map((r) => r.id)).toEqual(['idler', 'idle']);
    expect(store.reviews.listStalled(T0 - 5)).toEqual([]);
  });

  it('lists completed reviews in a time window for a channel or a workspace', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'c1', channelId: 'C1' }));
    store.reviews.create(slackReview({ id: 'c2', channelId: 'C2' }));
    store.reviews.create(slackReview({ id: 'late', channelId: 'C1' }));
    store.reviews.create(slackReview({ id: 'open', channelId: 'C1' }));
    store.reviews.setStatus('c1', 'completed', T0 + 100);
    store.reviews.setStatus('c2', 'completed', T0 + 200);
    store.reviews.setStatus('late', 'completed', T0 + 1000);
    expect(store.reviews.listCompleted('slack', 'T1', 'C1', T0, T0 + 1000).map((r) => r.id)).toEqual(['c1']);
    expect(store.reviews.listCompleted('slack', 'T1', null, T0, T0 + 1001).map((r) => r.id)).toEqual(['c1', 'c2', 'late']);
  });

  it('deleting a review cascades to its rows', () => {
    const store = freshStore();
    store.reviews.create(slackReview({ id: 'r' }));
    store.answers.set('r', 'q', 1, 'U1', T0);
    store.db.prepare('DELETE FROM reviews WHERE id = ?').run('r');
    expect(store.answers.current('r')).toEqual({});
    expect(store.answers.history('r')).toEqual([]);
    expect(store.participants.list('r')).toEqual([]);
  });
});

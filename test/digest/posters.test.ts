import { describe, expect, it } from 'vitest';
import { digestPosters } from '../../src/digest/posters.js';
import { nudgeNotice } from '../../src/digest/reminder-notice.js';
import type { Review } from '../../src/storage/review-repository.js';

const review = (over: Partial<Review>): Review => ({
  id: 'r-1',
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C0CHAN1',
  threadRef: '1763000000.000001',
  conversationRef: null,
  requesterId: 'U1',
  workloadName: 'w',
  status: 'in_progress',
  reopenedQuestionId: null,
  createdAt: 0,
  updatedAt: 0,
  completedAt: null,
  lastActivityAt: 0,
  ...over,
});

describe('digestPosters', () => {
  it('sends reminders into the review thread on its platform', async () => {
    const slackCalls: Array<Record<string, unknown>> = [];
    const teamsCalls: Array<[Record<string, unknown>, unknown]> = [];
    const posters = digestPosters({
      slack: { chat: { postMessage: async (args) => void slackCalls.push(args) } },
      teams: async (ref, card) => void teamsCalls.push([ref, card]),
    });
    const slackReview = review({});
    await posters.nudge!(slackReview, nudgeNotice(slackReview, 25, 7));
    expect(slackCalls[0]).toMatchObject({ channel: 'C0CHAN1', thread_ts: '1763000000.000001', unfurl_links: false });
    const teamsReview = review({ platform: 'teams', conversationRef: { conversation: { id: 'x;messageid=1' } } });
    await posters.expireNote!(teamsReview, nudgeNotice(teamsReview, 25, 7));
    expect(teamsCalls[0]![0]).toEqual({ conversation: { id: 'x;messageid=1' } });
  });

  it('fails (so the scheduler records it) when there is no thread or no client for the platform', async () => {
    const posters = digestPosters({ slack: { chat: { postMessage: async () => undefined } } });
    const noThread = review({ threadRef: null });
    await expect(posters.nudge!(noThread, nudgeNotice(noThread, 25, 7))).rejects.toMatchObject({ code: 'proactive_no_target' });
    const teamsReview = review({ platform: 'teams', conversationRef: { conversation: { id: 'x' } } });
    await expect(posters.nudge!(teamsReview, nudgeNotice(teamsReview, 25, 7))).rejects.toThrow(/no thread/);
    expect(posters.teams).toBeUndefined();
    expect(posters.slack).toBeDefined();
  });
});

import type Database from 'better-sqlite3';
import type { SlackDigestMessage } from '../../src/digest/digest-blocks.js';
import { createDigestScheduler, type DigestPosters, type DigestScheduler, type DigestSchedulerOptions } from '../../src/digest/digest-scheduler.js';
import type { ReminderNotice } from '../../src/digest/reminder-notice.js';
import type { AdaptiveCard } from '../../src/render/adaptive-card-types.js';
import { type FakeClock, MINUTE } from './helpers.js';

export interface Post {
  kind: 'slack' | 'teams' | 'nudge' | 'expireNote';
  /** Slack channel, Teams conversation id, or review id. */
  to: string;
  at: number;
  instanceId: string;
  slack?: SlackDigestMessage;
  card?: AdaptiveCard;
  notice?: ReminderNotice;
}

/** Posters that record what they were given, shared by several schedulers (= instances) in a test. */
export function recordingPosters(clock: FakeClock, posts: Post[], instanceId: string, failWith?: () => Error | undefined): DigestPosters {
  const record = async (post: Omit<Post, 'at' | 'instanceId'>) => {
    const error = failWith?.();
    if (error) throw error;
    posts.push({ ...post, at: clock.now(), instanceId });
  };
  return {
    slack: (channelId, message) => record({ kind: 'slack', to: channelId, slack: message }),
    teams: (ref, card) => record({ kind: 'teams', to: String((ref.conversation as { id: string }).id), card }),
    nudge: (review, notice) => record({ kind: 'nudge', to: review.id, notice }),
    expireNote: (review, notice) => record({ kind: 'expireNote', to: review.id, notice }),
  };
}

export function schedulerOn(
  db: Database.Database,
  clock: FakeClock,
  posts: Post[],
  instanceId: string,
  extra: Partial<DigestSchedulerOptions> & { failWith?: () => Error | undefined } = {},
): DigestScheduler {
  const { failWith, ...rest } = extra;
  return createDigestScheduler({
    store: { db },
    clock,
    posters: recordingPosters(clock, posts, instanceId, failWith),
    instanceId,
    pacing: { slackMs: 0, teamsMs: 0 },
    ...rest,
  });
}

/** Ticks every `step` from `from` to `to` (inclusive), moving the clock; like a process that is up all along. */
export async function tickThrough(scheduler: DigestScheduler, clock: FakeClock, from: number, to: number, step = MINUTE): Promise<void> {
  for (let t = from; t <= to; t += step) {
    clock.set(t);
    await scheduler.tick();
  }
}

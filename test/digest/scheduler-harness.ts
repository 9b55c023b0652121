import { ReviewService } from '../../src/app/review-service.js';
import { loadInterviewScript } from '../../src/content/load-prompts.js';
import { loadDecisionContent } from '../../src/content/load-rules.js';
import type { ProactiveOutbox } from '../../src/conversation/index.js';
import { renderDigestBlocks, type SlackDigestMessage } from '../../src/digest/digest-blocks.js';
import { renderDigestCard } from '../../src/digest/digest-card.js';
import { createDigestScheduler, type DigestScheduler, type DigestSchedulerOptions } from '../../src/digest/digest-scheduler.js';
import type { ReminderNotice } from '../../src/digest/reminder-notice.js';
import type { AdaptiveCard } from '../../src/render/adaptive-card-types.js';
import type { SqlDatabase } from '../../src/storage/sql-database.js';
import { createStore } from '../../src/storage/store.js';
import { type FakeClock, MINUTE } from './helpers.js';

export interface Post {
  kind: 'slack' | 'teams' | 'nudge' | 'expireNote' | 'signoff';
  /** Slack channel, Teams conversation id, or review id. */
  to: string;
  at: number;
  instanceId: string;
  slack?: SlackDigestMessage;
  card?: AdaptiveCard;
  notice?: ReminderNotice;
}

/** Proactive outboxes for both platforms that record what they were given, shared by several schedulers (= instances). */
export function recordingOutboxes(
  clock: FakeClock,
  posts: Post[],
  instanceId: string,
  failWith?: () => Error | undefined,
): Record<'slack' | 'teams', ProactiveOutbox> {
  const record = async (post: Omit<Post, 'at' | 'instanceId'>) => {
    const error = failWith?.();
    if (error) throw error;
    posts.push({ ...post, at: clock.now(), instanceId });
  };
  const reminder: ProactiveOutbox['postReminder'] = (review, notice) =>
    record({ kind: notice.kind === 'expired' ? 'expireNote' : notice.kind, to: review.id, notice });
  return {
    slack: { postDigest: (s, view) => record({ kind: 'slack', to: s.channelId, slack: renderDigestBlocks(view) }), postReminder: reminder },
    teams: {
      postDigest: (s, view) =>
        record({ kind: 'teams', to: String((s.conversationRef!.conversation as { id: string }).id), card: renderDigestCard(view) }),
      postReminder: reminder,
    },
  };
}

export function schedulerOn(
  db: SqlDatabase,
  clock: FakeClock,
  posts: Post[],
  instanceId: string,
  extra: Partial<DigestSchedulerOptions> & { failWith?: () => Error | undefined } = {},
): DigestScheduler {
  const { failWith, ...rest } = extra;
  const store = createStore(db);
  const reviews = new ReviewService({ store, clock, script: loadInterviewScript(), content: loadDecisionContent() });
  return createDigestScheduler({
    store,
    reviews,
    clock,
    outboxes: recordingOutboxes(clock, posts, instanceId, failWith),
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

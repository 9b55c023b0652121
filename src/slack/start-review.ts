import { fallbackText, sectionBlock } from '../render/block-kit-parts.js';
import { escapeMrkdwn } from '../render/escape.js';
import type { Review } from '../storage/index.js';
import { postStep } from './review-thread.js';
import type { Audience, SlackClient, SlackDeps } from './slack-deps.js';
import { postFailureText, postMessage, tellUser } from './slack-post.js';
import { mention } from './slack-text.js';

export interface StartReviewInput {
  workspaceId: string;
  channel: string;
  userId: string;
  workloadName: string;
  /** An existing thread to run the review in (a mention, a design-review offer); unset: post a parent message. */
  threadTs?: string | undefined;
  audience: Audience;
}

export const ALREADY_RUNNING_TEXT = 'A compute review is already running in this thread: reply there to answer it.';

/** "<@U1> asked for a compute review of *payments-webhooks*": who asked, for what (the name escaped). */
export function parentMessage(userId: string, workloadName: string): { text: string; blocks: ReturnType<typeof sectionBlock>[] } {
  const line = `${mention(userId)} asked for a compute review of *${escapeMrkdwn(workloadName)}*`;
  return {
    text: fallbackText(line),
    blocks: [sectionBlock(`${line}\nI'll ask a few questions in this thread; buttons for choices, thread replies for numbers.`)],
  };
}

/**
 * Starts a review and asks the first question in its thread. With no thread given, first posts the parent message
 * in the channel (the thread is its replies). Returns the review, or undefined when nothing could be started.
 */
export async function startReviewInThread(deps: SlackDeps, client: SlackClient, input: StartReviewInput): Promise<Review | undefined> {
  const { services } = deps;
  let threadTs = input.threadTs;
  if (threadTs) {
    const existing = services.reviews.findOpenByThread('slack', input.channel, threadTs);
    if (existing) {
      await tellUser(deps, client, input.audience, ALREADY_RUNNING_TEXT);
      return undefined;
    }
  } else {
    const parent = parentMessage(input.userId, input.workloadName);
    const posted = await postMessage(deps, client, { channel: input.channel, ...parent });
    if (!posted.ok) {
      await tellUser(deps, client, input.audience, postFailureText(posted.code, 'start the review here'));
      return undefined;
    }
    threadTs = posted.value;
  }
  const place = { platform: 'slack' as const, workspaceId: input.workspaceId, channelId: input.channel, threadRef: threadTs };
  const { review, step } = services.store.transaction(() => {
    const started = services.reviews.start(place, input.userId, input.workloadName);
    services.store.messages.save(started.review.id, 'parent', '', threadTs as string, services.clock.now());
    return started;
  });
  deps.logger.info({ reviewId: review.id, channel: input.channel }, 'review started');
  await postStep(deps, client, review, step, { ...input.audience, threadTs });
  return review;
}

import { MAX_NAME_LENGTH } from '../core/profile.js';
import { newCard, type AdaptiveCard } from '../render/adaptive-card-types.js';
import { escapeAdaptiveText, escapeMrkdwn, truncate, cleanInline } from '../render/escape.js';
import { fallbackText, sectionBlock, type KnownBlock } from '../render/block-kit-parts.js';
import type { Review } from '../storage/review-repository.js';
import { plural } from './digest-format.js';

/** A reminder posted in a review's thread, ready for either platform. */
export interface ReminderNotice {
  kind: 'nudge' | 'expired';
  review: Review;
  /** Plain text (logs, notifications). */
  text: string;
  /** chat.postMessage arguments besides channel and thread_ts. */
  slack: { text: string; blocks: KnownBlock[]; unfurl_links: false; unfurl_media: false };
  teams: AdaptiveCard;
}

const NAME_MAX = MAX_NAME_LENGTH;

function compose(kind: ReminderNotice['kind'], review: Review, sentence: (name: string) => string): ReminderNotice {
  const name = truncate(cleanInline(review.workloadName), NAME_MAX);
  const mrkdwn = sentence(`*${escapeMrkdwn(name) || 'unnamed'}*`);
  return {
    kind,
    review,
    text: sentence(name),
    slack: { text: fallbackText(mrkdwn), blocks: [sectionBlock(mrkdwn)], unfurl_links: false, unfurl_media: false },
    teams: newCard([{ type: 'TextBlock', text: sentence(`**${escapeAdaptiveText(name) || 'unnamed'}**`), wrap: true }], {
      fallbackText: sentence(name),
    }),
  };
}

/** "Still there?" for an interview idle past the reminder delay. */
export function nudgeNotice(review: Review, idleHours: number, expireAfterDays: number): ReminderNotice {
  const idle = idleHours >= 48 ? plural(Math.floor(idleHours / 24), 'day') : plural(Math.floor(idleHours), 'hour');
  return compose(
    'nudge',
    review,
    (name) =>
      `The compute review of ${name} has been waiting for an answer for ${idle}. ` +
      `Reply to the last question in this thread to carry on; after ${plural(expireAfterDays, 'day')} without activity it expires.`,
  );
}

/** The short note when an idle interview is expired. */
export function expiredNotice(review: Review, expireAfterDays: number): ReminderNotice {
  return compose(
    'expired',
    review,
    (name) =>
      `The compute review of ${name} expired after ${plural(expireAfterDays, 'day')} without activity. Start a new review to pick it up again.`,
  );
}

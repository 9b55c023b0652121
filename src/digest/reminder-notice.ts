import { MAX_NAME_LENGTH } from '../core/profile.js';
import { newCard, type AcMentionEntity, type AdaptiveCard } from '../render/adaptive-card-types.js';
import { escapeAdaptiveText, escapeMrkdwn, truncate, cleanInline } from '../render/escape.js';
import { fallbackText, sectionBlock, type KnownBlock } from '../render/block-kit-parts.js';
import type { Review } from '../storage/review-repository.js';
import { plural } from './digest-format.js';

/** A reminder posted in a review's thread, ready for either platform. */
export interface ReminderNotice {
  kind: 'nudge' | 'expired' | 'signoff';
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

/** How long a sign-off has waited, in words: hours below two days, then days. */
function waited(hours: number): string {
  return hours >= 48 ? plural(Math.floor(hours / 24), 'day') : plural(Math.max(1, Math.floor(hours)), 'hour');
}

/**
 * The one reminder to approvers who have not acted on a sign-off, mentioning each of them: Slack `<@U…>`, Teams a
 * mention entity with the name they were asked by ("approver" where none was stored).
 */
export function signOffReminderNotice(
  review: Review,
  approverIds: readonly string[],
  waitedHours: number,
  names: Readonly<Record<string, string>> = {},
): ReminderNotice {
  const name = truncate(cleanInline(review.workloadName), NAME_MAX) || 'unnamed';
  const sentence = (who: string, workload: string) =>
    `${who}: the compute review of ${workload} has been waiting for your sign-off for ${waited(waitedHours)}. ` +
    'Approve it or request changes on the card in this thread.';
  const slackWho = approverIds.map((id) => `<@${id.replace(/[^A-Za-z0-9]/g, '')}>`).join(', ');
  const mrkdwn = sentence(slackWho, `*${escapeMrkdwn(name)}*`);
  const entities: AcMentionEntity[] = approverIds.map((id) => {
    const name = names[id] ?? 'approver';
    return { type: 'mention', text: `<at>${escapeAdaptiveText(name)}</at>`, mentioned: { id, name } };
  });
  const teamsWho = entities.map((e) => e.text).join(', ');
  const plain = sentence(plural(approverIds.length, 'approver'), name);
  return {
    kind: 'signoff',
    review,
    text: plain,
    slack: { text: fallbackText(mrkdwn), blocks: [sectionBlock(mrkdwn)], unfurl_links: false, unfurl_media: false },
    teams: newCard([{ type: 'TextBlock', text: sentence(teamsWho, `**${escapeAdaptiveText(name)}**`), wrap: true }], {
      fallbackText: plain,
      ...(entities.length > 0 ? { msteams: { entities } } : {}),
    }),
  };
}

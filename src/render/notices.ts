import { newCard, type AdaptiveCard } from './adaptive-card-types.js';
import { fallbackText, sectionBlock, type KnownBlock } from './block-kit-parts.js';
import { cleanInline, escapeAdaptiveText, escapeMrkdwn, truncate } from './escape.js';

/**
 * Short notices the chat adapters send. The *Text helpers return PLAIN, UNESCAPED one-liners (they may contain
 * user text); send them through noticeBlocks / noticeCard, or escape them yourself.
 */

const NOTICE_MAX = 600;

/** After an answer that could not be used, e.g. reaskText('"fast" is not a number of seconds.'). */
export function reaskText(message: string): string {
  return `Sorry, I couldn't use that answer: ${truncate(cleanInline(message), NOTICE_MAX)} Please try again.`;
}

/** To someone who is not a participant of the review. */
export function notParticipantText(): string {
  return 'Only the person who started this review, and people they added, can answer it.';
}

/** When something could not be posted or saved. */
export function somethingWentWrongText(what: string): string {
  return `Sorry, I couldn't ${cleanInline(what)}. Please try again in a moment.`;
}

/** A Slack message with one notice line (escaped). Send with unfurl_links: false. */
export function noticeBlocks(text: string): { text: string; blocks: KnownBlock[] } {
  const escaped = escapeMrkdwn(truncate(text, NOTICE_MAX));
  return { text: fallbackText(escaped), blocks: [sectionBlock(escaped)] };
}

/** A Teams card with one notice line (escaped). */
export function noticeCard(text: string): AdaptiveCard {
  return newCard([{ type: 'TextBlock', text: escapeAdaptiveText(truncate(text, NOTICE_MAX)) || ' ', wrap: true }], {
    fallbackText: escapeAdaptiveText(truncate(text, 300)),
  });
}

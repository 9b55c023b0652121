import { newCard, type AdaptiveCard } from './adaptive-card-types.js';
import { fallbackText, sectionBlock, type KnownBlock } from './block-kit-parts.js';
import { escapeAdaptiveText, escapeMrkdwn, truncate } from './escape.js';

/**
 * One-line notices as a Slack message or a Teams card. The text is PLAIN and may quote user text: these escape it.
 */

const NOTICE_MAX = 600;

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

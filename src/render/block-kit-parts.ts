import type { types as SlackTypes } from '@slack/bolt';
import { slackPlainText, truncateMrkdwn } from './escape.js';
import { SLACK_LIMITS } from './slack-limits.js';

/** Small builders shared by the Block Kit renderers. Callers pass mrkdwn that is ALREADY escaped. */

export type KnownBlock = SlackTypes.KnownBlock;
export type Button = SlackTypes.Button;
export type PlainTextOption = SlackTypes.PlainTextOption;
export type ActionsBlockElement = SlackTypes.ActionsBlockElement;

export { SLACK_LIMITS };

/** mrkdwn text object; verbatim so Slack does not auto-link channel names or parse mentions in it. */
export function mrkdwnText(escaped: string, max: number = SLACK_LIMITS.sectionText): SlackTypes.MrkdwnElement {
  return { type: 'mrkdwn', text: truncateMrkdwn(escaped, max) || ' ', verbatim: true };
}

export function plainText(text: string, max: number): SlackTypes.PlainTextElement {
  return { type: 'plain_text', text: slackPlainText(text, max) || ' ', emoji: true };
}

export function sectionBlock(escaped: string, blockId?: string): SlackTypes.SectionBlock {
  const block: SlackTypes.SectionBlock = { type: 'section', text: mrkdwnText(escaped) };
  if (blockId) block.block_id = blockId;
  return block;
}

export function contextBlock(escaped: string, blockId?: string): SlackTypes.ContextBlock {
  const block: SlackTypes.ContextBlock = { type: 'context', elements: [mrkdwnText(escaped)] };
  if (blockId) block.block_id = blockId;
  return block;
}

export function headerBlock(text: string): SlackTypes.HeaderBlock {
  return { type: 'header', text: plainText(text, SLACK_LIMITS.headerText) };
}

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  const b: Button = { type: 'button', action_id: actionId, text: plainText(text, SLACK_LIMITS.buttonText), value };
  if (style) b.style = style;
  return b;
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plainText(text, SLACK_LIMITS.optionText), value };
}

/** Message `text` (notification fallback): mrkdwn, kept under the soft limit. */
export function fallbackText(escaped: string): string {
  return truncateMrkdwn(escaped, SLACK_LIMITS.messageTextSoft);
}

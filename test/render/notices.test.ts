import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { notParticipantText, reaskText } from '../../src/conversation/texts.js';
import { noticeBlocks, noticeCard } from '../../src/render/notices.js';
import { validateAdaptiveCard } from './helpers/adaptive-card-validate.js';
import { cardMarkdownTexts, isInertMrkdwn, slackTexts } from './helpers/walk.js';

describe('notice texts', () => {
  it('are plain one-liners', () => {
    expect(reaskText('"fast" is not a number of seconds.')).toBe(
      'Sorry, I couldn\'t use that answer: "fast" is not a number of seconds. Please try again.',
    );
    expect(reaskText('line one\nline two')).not.toContain('\n');
    expect(notParticipantText()).toMatch(/^Only the person who started this review/);
  });
});

describe('noticeBlocks', () => {
  it('escapes user text and stays within limits', () => {
    const msg = noticeBlocks(reaskText('"<!channel> & *x*" is not a number.'));
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    for (const t of [msg.text, ...slackTexts(msg.blocks, 'mrkdwn')]) expect(isInertMrkdwn(t)).toBe(true);
    expect(msg.text).toContain('&lt;!channel&gt; &amp; ∗x∗');
  });

  it('shortens very long notices', () => {
    expect(checkBlockKitLimits(noticeBlocks('x'.repeat(10_000)), 'message')).toEqual([]);
  });
});

describe('noticeCard', () => {
  it('is a valid card with escaped text', () => {
    const card = noticeCard('<at>Boss</at> [x](y)');
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardMarkdownTexts(card)).toEqual(['\u2039at\u203aBoss\u2039/at\u203a \\[x\\]\\(y\\)']);
    expect(card.fallbackText).not.toContain('<at>');
  });
});

import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { loadInterviewScript } from '../../src/content/load-prompts.js';
import { notParticipantText, reaskText } from '../../src/conversation/texts.js';
import { parseAnswer } from '../../src/core/interview/answer-parser.js';
import { noticeBlocks, noticeCard } from '../../src/render/notices.js';
import { validateAdaptiveCard } from './helpers/adaptive-card-validate.js';
import { cardMarkdownTexts, isInertMrkdwn, slackTexts } from './helpers/walk.js';

describe('notice texts', () => {
  it('are plain one-liners with one "Sorry" at most', () => {
    expect(reaskText('"fast" is not a number of seconds.')).toBe('Sorry: "fast" is not a number of seconds.');
    expect(reaskText("Sorry, I didn't recognise that option. Pick one of the options.")).toBe(
      "Sorry, I didn't recognise that option. Pick one of the options.",
    );
    expect(reaskText('line one\nline two')).not.toContain('\n');
    // every re-ask the parser can cause, for every question of the shipped script
    for (const question of loadInterviewScript().questions) {
      for (const bad of ['', 'wobbly', '-5', '1e99', '12, 99', 'x'.repeat(600)]) {
        const parsed = parseAnswer(question, bad);
        if (!parsed.ok) expect(reaskText(parsed.message).match(/sorry/gi)?.length ?? 0, `${question.id}: ${bad}`).toBeLessThanOrEqual(1);
      }
    }
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

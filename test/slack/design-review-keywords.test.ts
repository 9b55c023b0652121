import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN_KEYWORDS, looksLikeDesignProposal } from '../../src/slack/design-review-keywords.js';
import { proposalTitle } from '../../src/slack/events/design-review-offer.js';

describe('design proposal detection', () => {
  it.each([
    ['RFC: payments webhooks', true],
    ['rfc-12 event bus', true],
    ['New   service for invoices', true],
    ['ADR 7: move to queues', true],
    ['Architecture review next week', true],
    ['Design doc for search', true],
    ['we redesigned the menu', false],
    ['proposals are due', false],
    ['lunch?', false],
  ])('%j -> %s with the default keywords', (text, expected) => {
    expect(looksLikeDesignProposal(text, null)).toBe(expected);
  });

  it('uses a channel list instead of the defaults, and treats an empty list as the defaults', () => {
    expect(looksLikeDesignProposal('Capacity plan for Q3', ['capacity plan'])).toBe(true);
    expect(looksLikeDesignProposal('RFC: payments', ['capacity plan'])).toBe(false);
    expect(looksLikeDesignProposal('RFC: payments', [])).toBe(true);
    expect(looksLikeDesignProposal('a b c', ['(b)'])).toBe(false); // regex characters are literal
    expect(looksLikeDesignProposal('a (b) c', ['(b)'])).toBe(true);
    expect(DEFAULT_DESIGN_KEYWORDS).toContain('RFC');
  });

  it('names the review after the first line, without links or markup', () => {
    expect(proposalTitle('*RFC: webhooks*\nmore text')).toBe('RFC: webhooks');
    expect(proposalTitle('\n\nSee <https://docs.example/x|the design doc> &amp; notes')).toBe('See the design doc & notes');
  });
});

import { describe, expect, it } from 'vitest';
import type { Review } from '../../src/storage/index.js';
import { cancelledQuestionCard, helpCard, introCard, listCard, wentBackCard } from '../../src/teams/teams-cards.js';
import { validateAdaptiveCard } from '../render/helpers/adaptive-card-validate.js';
import { cardText } from './helpers/teams-harness.js';

const hostile = '<at>everyone</at> **bold** [x](https://evil.example) # head';

function review(overrides: Partial<Review> = {}): Review {
  return {
    id: 'r-0123456789',
    platform: 'teams',
    workspaceId: 't',
    channelId: 'c',
    threadRef: null,
    conversationRef: null,
    audience: null,
    requesterId: 'u',
    workloadName: hostile,
    status: 'in_progress',
    reopenedQuestionId: null,
    reopenedBy: null,
    revisit: [],
    createdAt: 0,
    updatedAt: 0,
    completedAt: null,
    lastActivityAt: 0,
    ...overrides,
  };
}

describe('Teams-only cards', () => {
  const cards = {
    helpPersonal: helpCard('personal'),
    helpChannel: helpCard('channel'),
    intro: introCard(review(), hostile, 'channel'),
    emptyList: listCard([]),
    list: listCard([review(), review({ id: 'r-2', status: 'completed', workloadName: 'x'.repeat(300) })]),
    wentBack: wentBackCard(hostile),
    cancelled: cancelledQuestionCard(hostile),
  };

  it.each(Object.entries(cards))('%s validates (schema, adaptivecards parser, 28 KB)', (_name, card) => {
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('user text cannot mention anyone or inject markup', () => {
    for (const card of [cards.intro, cards.list, cards.wentBack, cards.cancelled]) {
      const text = cardText(card);
      expect(text).not.toContain('<at>');
      expect(text).not.toMatch(/(?<!\\)\*\*bold/);
      expect(text).not.toMatch(/(?<!\\)\[x\]/);
    }
  });

  it('tells personal chats and channels how to answer', () => {
    expect(cardText(cards.helpPersonal)).toContain('just type the answer here');
    expect(cardText(cards.helpChannel)).toContain('mentioning me');
  });
});

import { describe, expect, it } from 'vitest';
import { slackPermalink as messagePermalink } from '../../src/render/slack-ids.js';
import {
  decodeSlackEntities,
  isUserId,
  mention,
  mentionedUserIds,
  mentionsUser,
  parseAddRequest,
  parseSignOffRequest,
  stripBotMention,
  workloadNameFrom,
} from '../../src/slack/slack-text.js';

describe('reading Slack text', () => {
  it('decodes the three entities Slack encodes', () => {
    expect(decodeSlackEntities('a &amp; b &lt;x&gt; &amp;lt;')).toBe('a & b <x> &lt;');
  });

  it('strips every mention of the bot, with or without a label', () => {
    expect(stripBotMention('<@UBOT> payments api', 'UBOT')).toBe('payments api');
    expect(stripBotMention('hey <@UBOT|compute-advice> review <@UOTHER>', 'UBOT')).toBe('hey review <@UOTHER>');
    expect(stripBotMention('  no bot  ', undefined)).toBe('no bot');
  });

  it('finds mentions', () => {
    expect(mentionsUser('hi <@UBOT>', 'UBOT')).toBe(true);
    expect(mentionsUser('hi <@UBOTX>', undefined)).toBe(false);
    expect(mentionedUserIds('<@U1AB> and <@W2CD|w> and <@U1AB>')).toEqual(['U1AB', 'W2CD']);
  });

  it.each([
    ['add <@UALICE>', ['UALICE']],
    ['ADD <@UALICE|alice>, <@UBOB> and <@UCAROL>', ['UALICE', 'UBOB', 'UCAROL']],
    ['add @alice', null],
    ['please add <@UALICE>', null],
    ['add <@UALICE> to the list please', null],
  ])('parseAddRequest(%j)', (text, expected) => {
    expect(parseAddRequest(text)).toEqual(expected);
  });

  it.each([
    ['signoff <@UALICE>', ['UALICE']],
    ['Sign-off <@UALICE|alice>, <@UBOB> and <@UCAROL>', ['UALICE', 'UBOB', 'UCAROL']],
    ['signoff @alice', null],
    ['please signoff <@UALICE>', null],
    ['signoff', null],
  ])('parseSignOffRequest(%j)', (text, expected) => {
    expect(parseSignOffRequest(text)).toEqual(expected);
  });

  it('only builds mentions from real user ids', () => {
    expect(mention('U123ABC')).toBe('<@U123ABC>');
    expect(mention('<!channel>')).toBe('someone');
    expect(isUserId('u123')).toBe(false);
  });

  it('workload names are one line and bounded', () => {
    expect(workloadNameFrom('  a\nb\tc  ')).toBe('a b c');
    expect(workloadNameFrom('y'.repeat(500))).toHaveLength(80);
  });

  it('builds permalinks only from Slack ids', () => {
    expect(messagePermalink('C0123ABC', '1700000000.000100')).toBe('https://slack.com/archives/C0123ABC/p1700000000000100');
    expect(messagePermalink('C0123ABC|evil', '1700000000.000100')).toBeNull();
    expect(messagePermalink('C0123ABC', 'javascript:alert(1)')).toBeNull();
    expect(messagePermalink('C0123ABC', null)).toBeNull();
  });
});

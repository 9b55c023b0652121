import { describe, expect, it } from 'vitest';
import { parseCommand, parseKeywords } from '../../src/slack/commands/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['lens', { kind: 'lens' }],
    ['lenses', { kind: 'lens' }],
    ['lens review', { kind: 'start', workloadName: 'lens review' }],
    ['cancel', { kind: 'cancel' }],
    ['cancel r-3f9k2a0b1c', { kind: 'cancel', reviewId: 'r-3f9k2a0b1c' }],
    ['resume', { kind: 'resume' }],
    ['resume r-3f9k2a0b1c', { kind: 'resume', reviewId: 'r-3f9k2a0b1c' }],
    ['payments-webhooks', { kind: 'start', workloadName: 'payments-webhooks' }],
    ['list of invoices service', { kind: 'start', workloadName: 'list of invoices service' }],
    ['cancel the old billing job', { kind: 'start', workloadName: 'cancel the old billing job' }],
    ['help desk bot', { kind: 'start', workloadName: 'help desk bot' }],
    ['a &amp; b &lt;!channel&gt;', { kind: 'start', workloadName: 'a & b <!channel>' }],
    ['add <@U123ABC|alice>', { kind: 'add', userIds: ['U123ABC'], unresolved: false }],
    ['add <@U123ABC|alice> <@W999ZZZ> r-abc123', { kind: 'add', userIds: ['U123ABC', 'W999ZZZ'], reviewId: 'r-abc123', unresolved: false }],
    ['add @alice', { kind: 'add', userIds: [], unresolved: true }],
    ['signoff <@U123ABC|alice> <@W999ZZZ>', { kind: 'signoff', userIds: ['U123ABC', 'W999ZZZ'], unresolved: false }],
    ['sign-off <@U123ABC> r-abc123', { kind: 'signoff', userIds: ['U123ABC'], reviewId: 'r-abc123', unresolved: false }],
    ['signoff @alice', { kind: 'signoff', userIds: [], unresolved: true }],
    ['channel design-review on', { kind: 'design_review', on: true, keywords: null }],
    ['channel design-review ON rfc adr', { kind: 'design_review', on: true, keywords: ['rfc', 'adr'] }],
    [
      'channel design-review on new service, capacity plan',
      { kind: 'design_review', on: true, keywords: ['new service', 'capacity plan'] },
    ],
    ['channel design-review off whatever', { kind: 'design_review', on: false, keywords: null }],
    ['channel design-review maybe', { kind: 'design_review_usage' }],
    ['channel', { kind: 'design_review_usage' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('keeps long names to one line of at most 80 characters (the profile limit)', () => {
    const parsed = parseCommand(`${'x'.repeat(300)}`);
    expect(parsed.kind).toBe('start');
    expect(parsed.kind === 'start' && parsed.workloadName.length).toBe(80);
  });

  it('parseKeywords dedupes and caps', () => {
    expect(parseKeywords('a a b')).toEqual(['a', 'b']);
    expect(parseKeywords('  ')).toBeNull();
    expect(parseKeywords(Array.from({ length: 40 }, (_, i) => `k${i}`).join(' '))).toHaveLength(30);
  });
});

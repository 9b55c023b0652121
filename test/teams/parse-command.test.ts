import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../../src/core/profile.js';
import { cleanTeamsText, parseCommand } from '../../src/teams/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['compute-advice payments-webhooks', { kind: 'start', workloadName: 'payments-webhooks' }],
    ['Compute-Advice   search api  ', { kind: 'start', workloadName: 'search api' }],
    ['/compute-advice nightly-etl', { kind: 'start', workloadName: 'nightly-etl' }],
    ['compute-advice: thumbnailer', { kind: 'start', workloadName: 'thumbnailer' }],
    ['compute-advice help desk router', { kind: 'start', workloadName: 'help desk router' }],
    ['compute-advice', { kind: 'usage' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['compute-advice help', { kind: 'help' }],
    ['?', { kind: 'help' }],
    ['list', { kind: 'list' }],
    ['compute-advice list', { kind: 'list' }],
    ['lens', { kind: 'lens' }],
    ['compute-advice lenses', { kind: 'lens' }],
    ['compute-advice lens review', { kind: 'start', workloadName: 'lens review' }],
    ['cancel', { kind: 'cancel' }],
    ['add <at>Sam Lee</at>', { kind: 'add' }],
    ['signoff <at>Sam Lee</at> <at>Jo</at>', { kind: 'signoff' }],
    ['compute-advice sign-off <at>Sam</at>', { kind: 'signoff' }],
    ['compute-advice add <at>Sam</at> <at>Kim</at>', { kind: 'add' }],
    ['about 40 req/s', { kind: 'text', text: 'about 40 req/s' }],
    ['help me choose', { kind: 'text', text: 'help me choose' }],
    ['', { kind: 'text', text: '' }],
    ['compute-advicex', { kind: 'text', text: 'compute-advicex' }],
  ])('%j', (input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });

  it('caps the workload name', () => {
    const parsed = parseCommand(`compute-advice ${'x'.repeat(200)}`);
    expect(parsed).toEqual({ kind: 'start', workloadName: `${'x'.repeat(MAX_NAME_LENGTH - 1)}…` });
  });
});

describe('cleanTeamsText', () => {
  it('drops leftover mentions, decodes entities and collapses whitespace', () => {
    expect(cleanTeamsText(' <at>Sam</at>&nbsp;uses 10&amp;20 &lt;x&gt;\n ')).toBe('uses 10&20 <x>');
  });
});

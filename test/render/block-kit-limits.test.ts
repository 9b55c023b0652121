import { describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { SLACK_LIMITS as L } from '../../src/render/slack-limits.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text = 'hello', extra: Record<string, unknown> = {}) => ({ type: 'section', text: mrkdwn(text), ...extra });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: plain('Go'),
  value: 'v',
  ...extra,
});
const option = (i: number, extra: Record<string, unknown> = {}) => ({ text: plain(`Option ${i}`), value: `v${i}`, ...extra });
const select = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'static_select',
  action_id: 'sel',
  placeholder: plain('Pick'),
  options: Array.from({ length: n }, (_, i) => option(i)),
  ...extra,
});
const actions = (elements: unknown[], blockId?: string) => ({ type: 'actions', elements, ...(blockId ? { block_id: blockId } : {}) });
const x = (n: number) => 'x'.repeat(n);

const check = (blocks: unknown[], text?: string, surface: 'message' | 'modal' | 'home' = 'message') =>
  checkBlockKitLimits(text === undefined ? { blocks } : { text, blocks }, surface);

describe('checkBlockKitLimits', () => {
  it('passes a message at every limit exactly', () => {
    const blocks = [
      { type: 'header', text: plain(x(L.headerText)) },
      section(x(L.sectionText), { block_id: x(L.blockId) }),
      { type: 'section', fields: Array.from({ length: L.sectionFields }, () => mrkdwn(x(L.sectionFieldText))) },
      { type: 'context', elements: Array.from({ length: L.contextElements }, () => mrkdwn('c')) },
      actions([
        button(x(L.actionId), { text: plain(x(L.buttonText)), value: x(L.buttonValue) }),
        select(L.selectOptions),
        ...Array.from({ length: L.actionsElements - 2 }, (_, i) => button(`b${i}`)),
      ]),
      { type: 'divider' },
    ];
    expect(check(blocks, x(L.messageTextSoft))).toEqual([]);
    expect(check(Array.from({ length: L.blocksPerMessage }, () => ({ type: 'divider' })))).toEqual([]);
    expect(
      check(
        Array.from({ length: L.blocksPerModalOrHome }, () => ({ type: 'divider' })),
        undefined,
        'modal',
      ),
    ).toEqual([]);
  });

  it.each<[string, unknown[], RegExp, string?, ('message' | 'modal' | 'home')?]>([
    ['51 blocks in a message', Array.from({ length: 51 }, () => ({ type: 'divider' })), /51 blocks; a message allows at most 50/],
    [
      '101 blocks in a modal',
      Array.from({ length: 101 }, () => ({ type: 'divider' })),
      /101 blocks; a modal allows at most 100/,
      undefined,
      'modal',
    ],
    ['101 blocks on Home', Array.from({ length: 101 }, () => ({ type: 'divider' })), /a home allows at most 100/, undefined, 'home'],
    ['section text over 3000', [section(x(3001))], /section text is 3001 characters; the limit is 3000/],
    ['11 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }], /11 fields; the limit is 10/],
    ['a field over 2000', [{ type: 'section', fields: [mrkdwn(x(2001))] }], /fields\[0\] is 2001 characters; the limit is 2000/],
    ['header over 150', [{ type: 'header', text: plain(x(151)) }], /header text is 151 characters; the limit is 150/],
    ['button text over 75', [actions([button('a', { text: plain(x(76)) })])], /button text is 76 characters; the limit is 75/],
    ['button value over 2000', [actions([button('a', { value: x(2001) })])], /button value is 2001 characters; the limit is 2000/],
    ['action_id over 255', [actions([button(x(256))])], /action_id is 256 characters; the limit is 255/],
    ['block_id over 255', [section('s', { block_id: x(256) })], /block_id is 256 characters; the limit is 255/],
    ['select with 101 options', [actions([select(101)])], /101 options; the limit is 100/],
    [
      'context with 11 elements',
      [{ type: 'context', elements: Array.from({ length: 11 }, () => mrkdwn('c')) }],
      /11 context elements; the limit is 10/,
    ],
    ['actions with 26 elements', [actions(Array.from({ length: 26 }, (_, i) => button(`b${i}`)))], /26 action elements; the limit is 25/],
    ['message text over 4000 (warn)', [section()], /message text is 4001 characters; keep it under 4000/, x(4001)],
    ['message text over 40,000', [section()], /message text is 40001 characters; Slack truncates past 40000/, x(40_001)],
    ['duplicate action_id in a block', [actions([button('same'), button('same')])], /action_id "same" is used twice in one block/],
    [
      'duplicate block_id',
      [section('a', { block_id: 'b1' }), section('b', { block_id: 'b1' })],
      /block_id "b1" is used twice in one message/,
    ],
    [
      'option text over 75',
      [actions([select(1, { options: [option(0, { text: plain(x(76)) })] })])],
      /options\[0\] text is 76 characters; the limit is 75/,
    ],
    [
      'option value over 150',
      [actions([select(1, { options: [option(0, { value: x(151) })] })])],
      /options\[0\] value is 151 characters; the limit is 150/,
    ],
    ['placeholder over 150', [actions([select(1, { placeholder: plain(x(151)) })])], /placeholder is 151 characters; the limit is 150/],
    ['empty section text', [section('')], /section text is empty/],
    ['empty button text', [actions([button('a', { text: plain('') })])], /button text is empty/],
    ['a select with no options', [actions([select(0)])], /has no options/],
    ['an empty actions block', [actions([])], /actions block has no elements/],
    ['a header in mrkdwn', [{ type: 'header', text: mrkdwn('h') }], /header text must be plain_text/],
    [
      'a too-long accessory button',
      [section('s', { accessory: button('a', { text: plain(x(80)) }) })],
      /accessory .*button text is 80 characters/,
    ],
  ])('trips on %s', (_name, blocks, expected, text, surface = 'message') => {
    const problems = check(blocks, text, surface);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it('allows the same action_id in different blocks', () => {
    expect(check([actions([button('a')], 'one'), actions([button('a')], 'two')])).toEqual([]);
  });

  it('reports one line per problem', () => {
    const problems = check([section(x(3001), { block_id: 'dup' }), section(x(3001), { block_id: 'dup' })], x(5000));
    expect(problems).toHaveLength(4);
  });

  it('ignores message text on modals and Home', () => {
    expect(check([section()], x(50_000), 'home')).toEqual([]);
  });

  it('counts option groups toward the option checks', () => {
    const grouped = {
      type: 'static_select',
      action_id: 's',
      option_groups: [{ label: plain('g'), options: [option(0, { value: x(151) })] }],
    };
    expect(check([actions([grouped])])).toEqual([expect.stringMatching(/value is 151 characters/)]);
  });
});

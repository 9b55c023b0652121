import { describe, expect, it } from 'vitest';
import type { BlockElementAction } from '@slack/bolt';
import { encodeActionValue } from '../../src/render/action-value.js';
import { answerTextOf } from '../../src/slack/actions/review-actions.js';

const action = (a: Record<string, unknown>) => a as unknown as BlockElementAction;

describe('answerTextOf', () => {
  it('reads a button', () => {
    expect(
      answerTextOf(action({ type: 'button', action_id: 'ca_answer_0', value: encodeActionValue({ r: 'r-1', q: 'kind', v: 'api' }) })),
    ).toEqual({ reviewId: 'r-1', questionId: 'kind', text: 'api' });
  });
  it('reads a select', () => {
    expect(
      answerTextOf(
        action({
          type: 'static_select',
          action_id: 'ca_answer_select',
          selected_option: { value: encodeActionValue({ r: 'r-1', q: 'rt', v: 'go' }) },
        }),
      )?.text,
    ).toBe('go');
  });
  it('joins a multi-select and reads "None of these"', () => {
    const multi = action({
      type: 'multi_static_select',
      action_id: 'ca_answer_multi',
      selected_options: [
        { value: encodeActionValue({ r: 'r-1', q: 'hw', v: 'gpu' }) },
        { value: encodeActionValue({ r: 'r-1', q: 'hw', v: 'hsm' }) },
      ],
    });
    expect(answerTextOf(multi)?.text).toBe('gpu, hsm');
    expect(
      answerTextOf(action({ type: 'button', action_id: 'ca_answer_none', value: encodeActionValue({ r: 'r-1', q: 'hw', v: [] }) }))?.text,
    ).toBe('none');
  });
  it('refuses values that are not ours or that mix reviews', () => {
    expect(answerTextOf(action({ type: 'button', action_id: 'ca_answer_0', value: 'junk' }))).toBeNull();
    const mixed = action({
      type: 'multi_static_select',
      action_id: 'ca_answer_multi',
      selected_options: [
        { value: encodeActionValue({ r: 'r-1', q: 'hw', v: 'gpu' }) },
        { value: encodeActionValue({ r: 'r-2', q: 'hw', v: 'hsm' }) },
      ],
    });
    expect(answerTextOf(mixed)).toBeNull();
  });
});

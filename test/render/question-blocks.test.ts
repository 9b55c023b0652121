import { describe, expect, it } from 'vitest';
import { SLACK_ACTION_IDS, SLACK_ANSWER_ACTION_PATTERN } from '../../src/render/action-ids.js';
import { decodeActionValue } from '../../src/render/action-value.js';
import { checkBlockKitLimits } from '../../src/render/block-kit-limits.js';
import { renderAnsweredQuestionBlocks, renderQuestionBlocks } from '../../src/render/question-blocks.js';
import type { QuestionView } from '../../src/render/question-view.js';
import { NASTY_QUESTION, QUESTIONS } from './helpers/questions.js';
import { isInertMrkdwn, nodesOfType, slackTexts } from './helpers/walk.js';

type El = {
  type: string;
  action_id: string;
  value?: string;
  text?: { text: string };
  options?: Array<{ text: { text: string }; value: string }>;
};

function actionsOf(q: QuestionView): { block_id?: string; elements: El[] } | undefined {
  return renderQuestionBlocks(q).blocks.find((b) => b.type === 'actions') as { block_id?: string; elements: El[] } | undefined;
}

describe('renderQuestionBlocks', () => {
  it.each(Object.entries(QUESTIONS))('%s: within Block Kit limits, unique action ids, inert text', (_n, q) => {
    const msg = renderQuestionBlocks(q);
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    for (const t of [msg.text, ...slackTexts(msg.blocks, 'mrkdwn')]) expect(isInertMrkdwn(t)).toBe(true);
    const ids = nodesOfType(msg.blocks, 'button').map((b) => b.action_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows the question in bold with its help, and the progress', () => {
    const msg = renderQuestionBlocks(QUESTIONS.singleFew!);
    expect(msg.blocks[0]).toMatchObject({ type: 'section', text: { text: '*Where does its state live?*\nPick the closest fit.' } });
    expect(msg.blocks[1]).toMatchObject({ type: 'context', elements: [{ text: 'Question 4 of about 9' }] });
    expect(msg.text).toBe('Question 4 of about 9: Where does its state live?');
  });

  it('renders up to five choices as buttons ca_answer_<i> in block q:<questionId>, values {r,q,v}', () => {
    for (const q of [QUESTIONS.singleFew!, QUESTIONS.singleFive!]) {
      const actions = actionsOf(q)!;
      expect(actions.block_id).toBe(`q:${q.questionId}`);
      const answers = actions.elements.filter((e) => SLACK_ANSWER_ACTION_PATTERN.test(e.action_id));
      expect(answers.map((e) => e.action_id)).toEqual(q.choices!.map((_, i) => `ca_answer_${i}`));
      expect(answers.map((e) => e.text?.text)).toEqual(q.choices!.map((c) => c.label));
      expect(answers.map((e) => decodeActionValue(e.value))).toEqual(
        q.choices!.map((c) => ({ r: 'r_01J9ZK', q: q.questionId, v: c.value })),
      );
      expect(answers[0]?.value).toBe(`{"r":"r_01J9ZK","q":"${q.questionId}","v":"c_0"}`);
    }
  });

  it('renders more than five choices as a static select ca_answer_select', () => {
    const actions = actionsOf(QUESTIONS.singleMany!)!;
    const select = actions.elements[0]!;
    expect(select).toMatchObject({ type: 'static_select', action_id: SLACK_ACTION_IDS.answerSelect });
    expect(select.options).toHaveLength(11);
    expect(decodeActionValue(select.options![10]!.value)).toEqual({ r: 'r_01J9ZK', q: 'kind', v: 'c_10' });
    expect(actions.elements.filter((e) => e.type === 'button').map((e) => e.action_id)).toEqual([SLACK_ACTION_IDS.back]);
  });

  it('renders multi choice as a multi select plus "None of these"', () => {
    const actions = actionsOf(QUESTIONS.multi!)!;
    expect(actions.elements.map((e) => [e.type, e.action_id])).toEqual([
      ['multi_static_select', SLACK_ACTION_IDS.answerMulti],
      ['button', SLACK_ACTION_IDS.answerNone],
      ['button', SLACK_ACTION_IDS.skip],
      ['button', SLACK_ACTION_IDS.back],
    ]);
    expect(actions.elements[0]!.options!.map((o) => decodeActionValue(o.value)?.v)).toEqual([
      'gpu',
      'local_nvme',
      'hsm',
      'special_network',
    ]);
    expect(actions.elements[1]!.text?.text).toBe('None of these');
    expect(decodeActionValue(actions.elements[1]!.value)).toEqual({ r: 'r_01J9ZK', q: 'hardware', v: [] });
    // every element answers the question, so all match the answer pattern except skip/back
    expect(actions.elements.slice(0, 2).every((e) => SLACK_ANSWER_ACTION_PATTERN.test(e.action_id))).toBe(true);
  });

  it('renders yes/no as two buttons, default values yes and no', () => {
    const actions = actionsOf(QUESTIONS.yesNo!)!;
    expect(actions.elements.map((e) => [e.action_id, e.text?.text, decodeActionValue(e.value)?.v])).toEqual([
      ['ca_answer_0', 'Yes', 'yes'],
      ['ca_answer_1', 'No', 'no'],
    ]);
  });

  it('asks for a thread reply for numbers and text, with the example when given', () => {
    const number = renderQuestionBlocks(QUESTIONS.number!);
    expect(slackTexts(number.blocks, 'mrkdwn')).toContain('Reply in this thread, e.g. 200ms or 15 min');
    expect(actionsOf(QUESTIONS.number!)!.elements.map((e) => e.action_id)).toEqual([SLACK_ACTION_IDS.back]);
    expect(slackTexts(renderQuestionBlocks(QUESTIONS.numberOptional!).blocks, 'mrkdwn')).toContain('Reply in this thread with a number.');
    expect(slackTexts(renderQuestionBlocks(QUESTIONS.text!).blocks, 'mrkdwn')).toContain('Reply in this thread.');
  });

  it('has no actions block when there is nothing to press', () => {
    expect(actionsOf(QUESTIONS.text!)).toBeUndefined();
  });

  it('adds Skip only to optional questions and Back only when going back is possible', () => {
    const ids = (q: QuestionView) => actionsOf(q)?.elements.map((e) => e.action_id) ?? [];
    expect(ids(QUESTIONS.numberOptional!)).toEqual([SLACK_ACTION_IDS.skip]);
    expect(ids(QUESTIONS.singleFew!)).not.toContain(SLACK_ACTION_IDS.skip);
    expect(ids(QUESTIONS.yesNo!)).not.toContain(SLACK_ACTION_IDS.back);
    const skip = actionsOf(QUESTIONS.numberOptional!)!.elements[0]!;
    expect(decodeActionValue(skip.value)).toEqual({ r: 'r_01J9ZK', q: 'latency_target_ms' });
  });

  it('escapes question text and help; choice labels stay literal plain_text', () => {
    const msg = renderQuestionBlocks(NASTY_QUESTION);
    const [section] = slackTexts(msg.blocks, 'mrkdwn');
    expect(section).toBe('*Where &lt;!channel&gt; ∗state∗ &lt;at&gt;x&lt;/at&gt;?*\n&lt;@U123&gt; [help](https://evil) &amp; ˍmoreˍ');
    expect(slackTexts(msg.blocks, 'plain_text')).toContain('<!here> & *b*');
  });

  it('shows "Question 1 of N" at the start, "of about N" while the count may shrink, never a total below the position', () => {
    expect(renderQuestionBlocks(QUESTIONS.text!).text).toMatch(/^Question 1 of 12:/);
    expect(renderQuestionBlocks({ ...QUESTIONS.text!, progress: { position: 4, total: 9, exact: false } }).text).toMatch(
      /^Question 4 of about 9:/,
    );
    const odd = { ...QUESTIONS.text!, progress: { position: 6, total: 5, exact: true } };
    expect(renderQuestionBlocks(odd).text).toMatch(/^Question 6 of 6:/);
  });
});

describe('renderAnsweredQuestionBlocks', () => {
  it.each(Object.entries(QUESTIONS))('%s: no actions left, answer shown with ✔', (_n, q) => {
    const msg = renderAnsweredQuestionBlocks(q, 'Stateless', 'Ada');
    expect(nodesOfType(msg.blocks, 'actions')).toEqual([]);
    expect(nodesOfType(msg.blocks, 'button')).toEqual([]);
    expect(checkBlockKitLimits(msg, 'message')).toEqual([]);
    expect(slackTexts(msg.blocks, 'mrkdwn')[0]).toContain('\n✔ Stateless');
  });

  it('escapes the answer and the name of who answered', () => {
    const msg = renderAnsweredQuestionBlocks(QUESTIONS.text!, '<!channel> *pwn*', '<@U999> & co');
    const texts = slackTexts(msg.blocks, 'mrkdwn');
    for (const t of [msg.text, ...texts]) expect(isInertMrkdwn(t)).toBe(true);
    expect(texts).toEqual(['*What is the workload called?*\n✔ &lt;!channel&gt; ∗pwn∗', 'Answered by &lt;@U999&gt; &amp; co']);
  });

  it('leaves out "Answered by" when no one is named', () => {
    expect(renderAnsweredQuestionBlocks(QUESTIONS.yesNo!, 'Yes').blocks).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { renderAnsweredQuestionCard, renderQuestionCard } from '../../src/render/question-card.js';
import type { QuestionView } from '../../src/render/question-view.js';
import { validateAdaptiveCard } from './helpers/adaptive-card-validate.js';
import { NASTY_QUESTION, QUESTIONS } from './helpers/questions.js';
import { cardMarkdownTexts, nodesOfType, submitActions } from './helpers/walk.js';

const inputOf = (q: QuestionView) => {
  const card = renderQuestionCard(q);
  return [...nodesOfType(card, 'Input.ChoiceSet'), ...nodesOfType(card, 'Input.Number'), ...nodesOfType(card, 'Input.Text')];
};

describe('renderQuestionCard', () => {
  it.each(Object.entries(QUESTIONS))('%s: valid 1.5 card, parses cleanly, small', (_n, q) => {
    expect(validateAdaptiveCard(renderQuestionCard(q))).toEqual([]);
  });

  it('shows progress, the question and its help', () => {
    const texts = cardMarkdownTexts(renderQuestionCard(QUESTIONS.singleFew!));
    expect(texts.slice(0, 3)).toEqual(['Question 4 of about 9', 'Where does its state live?', 'Pick the closest fit.']);
  });

  it('uses one input with id "value" for every type', () => {
    for (const q of Object.values(QUESTIONS)) {
      const inputs = inputOf(q);
      expect(inputs).toHaveLength(1);
      expect(inputs[0]?.id).toBe('value');
    }
  });

  it('expands up to five choices and compacts more', () => {
    expect(inputOf(QUESTIONS.singleFive!)[0]).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(inputOf(QUESTIONS.singleMany!)[0]).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact' });
    expect(inputOf(QUESTIONS.singleFew!)[0]?.choices).toEqual(
      QUESTIONS.singleFew!.choices!.map((c) => ({ title: c.label, value: c.value })),
    );
  });

  it('makes multi choice a multi-select with a "None of these" submit that sends an empty value', () => {
    expect(inputOf(QUESTIONS.multi!)[0]).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded' });
    expect(inputOf(QUESTIONS.multiMany!)[0]).toMatchObject({ isMultiSelect: true, style: 'compact' });
    const none = submitActions(renderQuestionCard(QUESTIONS.multi!)).find((a) => a.title === 'None of these');
    expect(none).toEqual({
      title: 'None of these',
      associatedInputs: 'none',
      data: { ca: 'answer', reviewId: 'r_01J9ZK', questionId: 'hardware', value: '' },
    });
  });

  it('makes yes/no an expanded choice of Yes and No', () => {
    expect(inputOf(QUESTIONS.yesNo!)[0]).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'expanded',
      choices: [
        { title: 'Yes', value: 'yes' },
        { title: 'No', value: 'no' },
      ],
    });
  });

  it('uses Input.Text for numbers too (units reach the parser whole), with the example as placeholder', () => {
    expect(inputOf(QUESTIONS.number!)[0]).toMatchObject({ type: 'Input.Text', placeholder: '200ms or 15 min', isRequired: true });
    expect(inputOf(QUESTIONS.numberOptional!)[0]).toMatchObject({ type: 'Input.Text', isRequired: false });
    expect(nodesOfType(renderQuestionCard(QUESTIONS.number!), 'Input.Number')).toEqual([]);
    expect(inputOf(QUESTIONS.text!)[0]).toMatchObject({ type: 'Input.Text', maxLength: 500 });
    expect(cardMarkdownTexts(renderQuestionCard(QUESTIONS.number!))).toContain(
      'Type your answer below or reply in this thread, e.g. 200ms or 15 min',
    );
  });

  it('submits Answer with ca, reviewId and questionId; Skip and Back skip the inputs', () => {
    expect(submitActions(renderQuestionCard(QUESTIONS.numberOptional!))).toEqual([
      { title: 'Answer', data: { ca: 'answer', reviewId: 'r_01J9ZK', questionId: 'latency_target_ms' } },
      { title: 'Skip', associatedInputs: 'none', data: { ca: 'skip', reviewId: 'r_01J9ZK', questionId: 'latency_target_ms' } },
    ]);
    expect(submitActions(renderQuestionCard(QUESTIONS.singleFew!)).map((a) => a.title)).toEqual(['Answer', 'Back']);
    expect(submitActions(renderQuestionCard(QUESTIONS.singleFew!))[1]).toEqual({
      title: 'Back',
      associatedInputs: 'none',
      data: { ca: 'back', reviewId: 'r_01J9ZK', questionId: 'state' },
    });
    expect(submitActions(renderQuestionCard(QUESTIONS.text!)).map((a) => a.title)).toEqual(['Answer']);
  });

  it('escapes question text and help, keeps mentions inert, and leaves choice titles literal', () => {
    const card = renderQuestionCard(NASTY_QUESTION);
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = cardMarkdownTexts(card);
    expect(texts[1]).toBe('Where <!channel\\> \\*state\\* \u2039at\u203ax\u2039/at\u203a?');
    expect(texts[2]).toBe('<@U123\\> \\[help\\]\\(https://evil\\) & \\_more\\_');
    for (const t of texts) expect(t).not.toMatch(/<\s*\/?\s*at\b/i);
    expect(inputOf(NASTY_QUESTION)[0]?.choices).toEqual([{ title: '<!here> & *b*', value: 'a' }]);
  });
});

describe('renderAnsweredQuestionCard', () => {
  it.each(Object.entries(QUESTIONS))('%s: valid, with no inputs and no actions', (_n, q) => {
    const card = renderAnsweredQuestionCard(q, 'Stateless', 'Ada Lovelace');
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(submitActions(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('"Input.');
    expect(cardMarkdownTexts(card)).toEqual([q.text, '✔ Stateless', 'Answered by Ada Lovelace']);
  });

  it('escapes the answer and who answered', () => {
    const card = renderAnsweredQuestionCard(QUESTIONS.text!, '<at>Boss</at> *x*', '[me](https://evil)');
    expect(cardMarkdownTexts(card).slice(1)).toEqual([
      '✔ \u2039at\u203aBoss\u2039/at\u203a \\*x\\*',
      'Answered by \\[me\\]\\(https://evil\\)',
    ]);
    expect(renderAnsweredQuestionCard(QUESTIONS.text!, 'x').body).toHaveLength(2);
  });
});

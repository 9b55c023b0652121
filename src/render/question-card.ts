import { TEAMS_INPUT_IDS, TEAMS_SUBMIT_KINDS } from './action-ids.js';
import { newCard, type AcAction, type AcElement, type AdaptiveCard } from './adaptive-card-types.js';
import { adaptivePlainText, cleanInline, escapeAdaptiveText, truncate } from './escape.js';
import { MAX_BUTTON_CHOICES, progressText, questionChoices, replyHint, type QuestionView } from './question-view.js';

const TEXT_ANSWER_MAX = 500;

function answerInput(q: QuestionView): AcElement {
  const required = !q.optional && q.type !== 'multi_choice'; // "none" is a valid multi-choice answer
  const common = {
    id: TEAMS_INPUT_IDS.value,
    label: 'Your answer',
    isRequired: required,
    ...(required ? { errorMessage: 'Please give an answer.' } : {}),
  };
  const prefill = q.current ? { value: adaptivePlainText(q.current.text) } : {};
  if (q.type === 'number' || q.type === 'text') {
    // A text input for numbers too: Input.Number keeps only digits, and "5k rps" or "15 min" must reach the parser whole.
    const placeholder = q.placeholder ?? (q.type === 'number' ? 'A number with its unit' : 'Your answer');
    return { type: 'Input.Text', ...common, placeholder: adaptivePlainText(placeholder), maxLength: TEXT_ANSWER_MAX, ...prefill };
  }
  const choices = questionChoices(q);
  const selected = q.current ? { value: q.current.values.filter((v) => choices.some((c) => c.value === v)).join(',') } : {};
  return {
    type: 'Input.ChoiceSet',
    ...common,
    style: choices.length <= MAX_BUTTON_CHOICES ? 'expanded' : 'compact',
    ...(q.type === 'multi_choice' ? { isMultiSelect: true } : {}),
    ...(choices.length > MAX_BUTTON_CHOICES && q.type !== 'multi_choice' ? { placeholder: 'Choose an answer' } : {}),
    wrap: true,
    choices: choices.map((c) => ({ title: adaptivePlainText(c.label), value: c.value })),
    ...(selected.value ? selected : {}),
  };
}

/**
 * One interview question for Teams. Submits arrive as `activity.value`:
 * `{ ca: 'answer', reviewId, questionId, value }` (multi-select values comma-separated, '' for none),
 * `{ ca: 'skip' | 'back', reviewId, questionId }`.
 */
export function renderQuestionCard(q: QuestionView): AdaptiveCard {
  const body: AcElement[] = [
    { type: 'TextBlock', text: escapeAdaptiveText(progressText(q)), size: 'small', isSubtle: true, wrap: true },
    { type: 'TextBlock', text: escapeAdaptiveText(q.text) || ' ', weight: 'bolder', style: 'heading', wrap: true, spacing: 'small' },
  ];
  if (q.help) body.push({ type: 'TextBlock', text: escapeAdaptiveText(q.help), isSubtle: true, wrap: true, spacing: 'small' });
  if (q.current) {
    body.push({ type: 'TextBlock', text: `Current answer: ${escapeAdaptiveText(q.current.label)}`, wrap: true, spacing: 'small' });
  }
  if (q.type === 'number' || q.type === 'text') {
    body.push({ type: 'TextBlock', text: escapeAdaptiveText(replyHint(q, 'teams')), size: 'small', isSubtle: true, wrap: true });
  }
  body.push(answerInput(q));

  const ref = { reviewId: q.reviewId, questionId: q.questionId };
  const actions: AcAction[] = [
    { type: 'Action.Submit', title: 'Answer', style: 'positive', data: { ca: TEAMS_SUBMIT_KINDS.answer, ...ref } },
  ];
  if (q.type === 'multi_choice') {
    actions.push({
      type: 'Action.Submit',
      title: 'None of these',
      associatedInputs: 'none',
      data: { ca: TEAMS_SUBMIT_KINDS.answer, ...ref, [TEAMS_INPUT_IDS.value]: '' },
    });
  }
  if (q.optional) {
    actions.push({ type: 'Action.Submit', title: 'Skip', associatedInputs: 'none', data: { ca: TEAMS_SUBMIT_KINDS.skip, ...ref } });
  }
  if (q.canGoBack) {
    actions.push({ type: 'Action.Submit', title: 'Back', associatedInputs: 'none', data: { ca: TEAMS_SUBMIT_KINDS.back, ...ref } });
  }
  return newCard(body, { actions, fallbackText: escapeAdaptiveText(truncate(cleanInline(`${progressText(q)}: ${q.text}`), 300)) });
}

/** The question card once answered: no inputs or actions, "✔ <answer>" and who answered. */
export function renderAnsweredQuestionCard(q: QuestionView, answerLabel: string, answeredBy?: string): AdaptiveCard {
  const body: AcElement[] = [
    { type: 'TextBlock', text: escapeAdaptiveText(q.text) || ' ', weight: 'bolder', wrap: true },
    { type: 'TextBlock', text: `✔ ${escapeAdaptiveText(answerLabel)}`, wrap: true, spacing: 'small' },
  ];
  if (answeredBy) {
    body.push({ type: 'TextBlock', text: `Answered by ${escapeAdaptiveText(answeredBy)}`, size: 'small', isSubtle: true, wrap: true });
  }
  return newCard(body, { fallbackText: escapeAdaptiveText(truncate(cleanInline(`${q.text}: ${answerLabel}`), 300)) });
}

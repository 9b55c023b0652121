import { SLACK_ACTION_IDS, slackAnswerButtonActionId, slackQuestionBlockId } from './action-ids.js';
import { encodeActionValue } from './action-value.js';
import {
  SLACK_LIMITS,
  button,
  contextBlock,
  fallbackText,
  option,
  plainText,
  sectionBlock,
  type ActionsBlockElement,
  type KnownBlock,
} from './block-kit-parts.js';
import { escapeMrkdwn } from './escape.js';
import { MAX_BUTTON_CHOICES, progressText, questionChoices, replyHint, type QuestionView } from './question-view.js';

function questionSection(q: QuestionView): KnownBlock {
  return sectionBlock(`*${escapeMrkdwn(q.text)}*${q.help ? `\n${escapeMrkdwn(q.help)}` : ''}`);
}

/** "Keep: 45 minutes", cut to fit a button. */
function keepLabel(label: string): string {
  const text = `Keep: ${label}`;
  return text.length <= SLACK_LIMITS.buttonText ? text : `${text.slice(0, SLACK_LIMITS.buttonText - 1)}…`;
}

/**
 * One interview question for Slack. Every interactive element sits in one actions block `q:<questionId>` and
 * carries `{"r","q"[,"v"]}`; answer elements have action ids matching `^ca_answer_`.
 */
export function renderQuestionBlocks(q: QuestionView): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [questionSection(q), contextBlock(escapeMrkdwn(progressText(q)))];
  const ref = { r: q.reviewId, q: q.questionId };
  const elements: ActionsBlockElement[] = [];
  const choices = questionChoices(q);

  if (q.current) blocks.push(contextBlock(`Current answer: ${escapeMrkdwn(q.current.label)}`));
  if (q.type === 'number' || q.type === 'text') {
    blocks.push(contextBlock(escapeMrkdwn(replyHint(q, 'slack'))));
    // Typed answers come as thread replies: a button keeps the answer already given.
    if (q.current)
      elements.push(button(slackAnswerButtonActionId(0), keepLabel(q.current.label), encodeActionValue({ ...ref, v: q.current.text })));
  } else if (q.type === 'multi_choice') {
    const shown = choices.slice(0, SLACK_LIMITS.selectOptions);
    const options = shown.map((c) => option(c.label, encodeActionValue({ ...ref, v: c.value })));
    const initial = options.filter((_, i) => q.current?.values.includes(shown[i]!.value));
    elements.push({
      type: 'multi_static_select',
      action_id: SLACK_ACTION_IDS.answerMulti,
      placeholder: plainText('Choose all that apply', SLACK_LIMITS.placeholder),
      options,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    });
    elements.push(button(SLACK_ACTION_IDS.answerNone, 'None of these', encodeActionValue({ ...ref, v: [] })));
  } else if (q.type === 'yes_no' || choices.length <= MAX_BUTTON_CHOICES) {
    choices.forEach((c, i) => {
      elements.push(button(slackAnswerButtonActionId(i), c.label, encodeActionValue({ ...ref, v: c.value })));
    });
  } else {
    const options = choices.slice(0, SLACK_LIMITS.selectOptions).map((c) => option(c.label, encodeActionValue({ ...ref, v: c.value })));
    const initial = q.current ? options[choices.findIndex((c) => q.current?.values.includes(c.value))] : undefined;
    elements.push({
      type: 'static_select',
      action_id: SLACK_ACTION_IDS.answerSelect,
      placeholder: plainText('Choose an answer', SLACK_LIMITS.placeholder),
      options,
      ...(initial ? { initial_option: initial } : {}),
    });
  }

  if (q.optional) elements.push(button(SLACK_ACTION_IDS.skip, 'Skip', encodeActionValue(ref)));
  if (q.canGoBack) elements.push(button(SLACK_ACTION_IDS.back, 'Back', encodeActionValue(ref)));
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: slackQuestionBlockId(q.questionId), elements });

  return { text: fallbackText(`${escapeMrkdwn(progressText(q))}: ${escapeMrkdwn(q.text)}`), blocks };
}

/**
 * The same question once answered: no actions (so stale buttons disappear when the message is updated),
 * "✔ <answer>" and who answered. `answeredBy` is a display name, escaped like any user text, never a mention.
 */
export function renderAnsweredQuestionBlocks(
  q: QuestionView,
  answerLabel: string,
  answeredBy?: string,
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [sectionBlock(`*${escapeMrkdwn(q.text)}*\n✔ ${escapeMrkdwn(answerLabel)}`)];
  if (answeredBy) blocks.push(contextBlock(`Answered by ${escapeMrkdwn(answeredBy)}`));
  return { text: fallbackText(`${escapeMrkdwn(q.text)}: ✔ ${escapeMrkdwn(answerLabel)}`), blocks };
}

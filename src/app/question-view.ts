import type { QuestionView } from '../render/question-view.js';
import { editableAnswerText } from '../core/interview/answer-text.js';
import { answerLabel } from './answer-label.js';
import type { ReviewStep } from './review-types.js';

const PLACEHOLDERS: Record<string, string> = {
  seconds: '"90s", "15 min" or "2h"',
  milliseconds: '"200ms" or "1s"',
  megabytes: '"512mb" or "1.5 GB"',
  requests_per_second: '"about 40 req/s", "5k rps" or "3 million a month"',
  runs_per_day: '"hourly", "every 5 minutes" or "500/day"',
  ratio: '"10x" or "100:1"',
};

/** The renderers' neutral view of the current question. */
export function toQuestionView(reviewId: string, step: Extract<ReviewStep, { kind: 'question' }>): QuestionView {
  const q = step.question;
  const view: QuestionView = {
    reviewId,
    questionId: q.id,
    text: q.text,
    help: q.help,
    type: q.type,
    optional: Boolean(q.optional),
    progress: step.progress,
    canGoBack: step.canGoBack,
  };
  if (q.choices) view.choices = q.choices.map((c) => ({ value: String(c.value), label: c.label }));
  if (step.current !== undefined && step.current !== null) {
    const values = Array.isArray(step.current)
      ? step.current.map(String)
      : [String(step.current === true ? 'yes' : step.current === false ? 'no' : step.current)];
    view.current = { text: editableAnswerText(q, step.current), label: answerLabel(q, step.current), values };
  }
  if (q.type === 'number' && q.unit && PLACEHOLDERS[q.unit]) view.placeholder = PLACEHOLDERS[q.unit];
  return view;
}

import type { Question } from '../core/interview/question.js';
import { cleanInline, truncate } from './escape.js';

/** The longest label under "Change an answer" (a question's text, cut); each renderer cuts further to its own limits. */
export const CHANGE_LABEL_MAX = 90;

/** The card's "Change an answer" choices: the questions answered so far, labelled with their text on one line. */
export function changeOptionsOf(questions: readonly Question[]): Array<{ questionId: string; label: string }> {
  return questions.map((q) => ({ questionId: q.id, label: truncate(cleanInline(q.text), CHANGE_LABEL_MAX) }));
}

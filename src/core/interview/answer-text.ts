import type { NumberUnit, Question } from './question.js';

/** Unit words the quantity parser reads back to the same unit, so a stored number survives a round trip. */
const UNIT_WORDS: Record<NumberUnit, string> = {
  seconds: 's',
  milliseconds: 'ms',
  megabytes: 'MB',
  requests_per_second: 'requests/s',
  runs_per_day: 'runs a day',
  ratio: 'x',
};

/**
 * A stored answer as text a person can edit and send back: the same parser reads it to the same value (a test holds
 * every question of the shipped script to that). Numbers keep every digit, with their unit; choices read as labels.
 * Null (skipped) reads as "skip".
 */
export function editableAnswerText(question: Question, value: unknown): string {
  if (value === null || value === undefined) return 'skip';
  const labelOf = (v: unknown) => question.choices?.find((c) => c.value === v)?.label ?? String(v);
  switch (question.type) {
    case 'single_choice':
      return labelOf(value);
    case 'multi_choice':
      return Array.isArray(value) && value.length > 0 ? value.map(labelOf).join(', ') : 'none';
    case 'yes_no':
      return value === true ? 'yes' : value === false ? 'no' : labelOf(value);
    case 'number':
      return question.unit ? `${String(value)} ${UNIT_WORDS[question.unit]}` : String(value);
    case 'text':
      return String(value);
  }
}

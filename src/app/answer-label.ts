import type { Question } from '../core/interview/question.js';
import { duration, megabytes, trim } from '../core/format.js';

/** How a stored answer reads back to people ("Bursty", "15 minutes", "None"). */
export function answerLabel(question: Question, value: unknown): string {
  if (value === null || value === undefined) return 'Skipped';
  const choices = question.choices ?? [];
  const labelOf = (v: unknown) => choices.find((c) => c.value === v)?.label ?? String(v);
  switch (question.type) {
    case 'single_choice':
      return labelOf(value);
    case 'multi_choice':
      return Array.isArray(value) && value.length > 0 ? value.map(labelOf).join(', ') : 'None';
    case 'yes_no':
      return value === true || value === 'yes' ? 'Yes' : value === false || value === 'no' ? 'No' : labelOf(value);
    case 'number': {
      const n = Number(value);
      switch (question.unit) {
        case 'seconds':
          return duration(n);
        case 'milliseconds':
          return `${trim(n)} ms`;
        case 'megabytes':
          return megabytes(n);
        case 'requests_per_second':
          return `${trim(n)} requests/s`;
        case 'runs_per_day':
          return `${trim(n)} runs a day`;
        case 'ratio':
          return `${trim(n)}×`;
        default:
          return trim(n);
      }
    }
    default:
      return String(value);
  }
}

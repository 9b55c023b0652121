import type { Question } from '../../../src/core/interview/question.js';

/** A sensible typed answer for each kind of question. No vitest import: the load benchmark uses it too. */
export function typedAnswerFor(question: Question): string {
  if (question.type === 'number') {
    switch (question.unit) {
      case 'ratio':
        return '10x';
      case 'requests_per_second':
        return 'about 40 req/s';
      case 'runs_per_day':
        return '500/day';
      case 'seconds':
        return '2s';
      case 'milliseconds':
        return '300ms';
      case 'megabytes':
        return '512mb';
      default:
        return '10';
    }
  }
  if (question.type === 'yes_no') return 'no';
  if (question.type === 'multi_choice') return 'none';
  if (question.type === 'text') return 'node';
  return '1';
}

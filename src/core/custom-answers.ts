import { validateValue } from './interview/answer-parser.js';
import { labelShort, type Question } from './interview/question.js';
import { CUSTOM_FACT_PREFIX, type CustomAnswer } from './profile.js';

/** The lens question that fills custom.<id>. */
function questionFor(id: string, questions: readonly Question[]): Question | undefined {
  return questions.find((question) => question.field === `${CUSTOM_FACT_PREFIX}${id}`);
}

/**
 * Custom answers in a profile file (or a lens test) checked against the lenses' questions: each id must be asked by
 * a lens, each value one the question accepts. One line per problem, under `where` (a profile's `custom`).
 */
export function customAnswerProblems(
  custom: Readonly<Record<string, CustomAnswer>> | undefined,
  questions: readonly Question[],
  where = 'custom',
): string[] {
  const problems: string[] = [];
  const allowed = questions.map((question) => question.field.slice(CUSTOM_FACT_PREFIX.length));
  for (const [id, value] of Object.entries(custom ?? {})) {
    const question = questionFor(id, questions);
    if (!question) {
      problems.push(`${where}.${id}: no active lens asks this; allowed: ${allowed.join(', ') || '(none: no lens has questions)'}`);
      continue;
    }
    const checked = validateValue(question, value);
    if (!checked.ok) problems.push(`${where}.${id}: ${checked.message}`);
  }
  return problems;
}

/** "data classification: Restricted": each custom answer as a short phrase for "Based on your answers". */
export function customAnswerPhrases(custom: Readonly<Record<string, CustomAnswer>>, questions: readonly Question[]): string[] {
  return Object.entries(custom).map(([id, value]) => {
    const question = questionFor(id, questions);
    const label = (one: unknown) => {
      const choice = question?.choices?.find((c) => c.value === one);
      return choice ? labelShort(choice.label) : String(one);
    };
    const shown =
      typeof value === 'boolean' ? (value ? 'yes' : 'no') : Array.isArray(value) ? value.map(label).join(' + ') || 'none' : label(value);
    return `${id.replace(/_/g, ' ')}: ${shown}`;
  });
}

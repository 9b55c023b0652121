import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadInterviewScript } from '../../../src/content/load-prompts.js';
import { parseAnswer } from '../../../src/core/interview/answer-parser.js';
import { editableAnswerText } from '../../../src/core/interview/answer-text.js';
import type { Question } from '../../../src/core/interview/question.js';
import { PROFILE_LIMITS } from '../../../src/core/profile.js';

const script = loadInterviewScript();

/** Stored values a question can hold: what its parser accepts. */
function storedValues(question: Question): fc.Arbitrary<unknown> {
  const choices = (question.choices ?? []).map((c) => c.value);
  switch (question.type) {
    case 'single_choice':
      return fc.constantFrom(...choices);
    case 'multi_choice':
      return fc.subarray(choices).map((picked) => choices.filter((c) => picked.includes(c)));
    case 'yes_no':
      return fc.boolean();
    case 'number': {
      // What the parser stores for any figure typed in the question's unit (it rounds what it reads).
      const limit = PROFILE_LIMITS[question.field as keyof typeof PROFILE_LIMITS] ?? 1e6;
      return fc
        .double({ min: Math.max(question.min ?? 0.001, 0.001), max: limit, noNaN: true, noDefaultInfinity: true })
        .map((x) => parseAnswer(question, editableAnswerText(question, x)))
        .filter((parsed) => parsed.ok)
        .map((parsed) => (parsed.ok ? parsed.value : undefined));
    }
    case 'text':
      return fc
        .string({ minLength: 1, maxLength: 80 })
        .map((t) => t.trim().replace(/\s+/g, ' '))
        .filter((t) => t !== '');
  }
}

describe('editableAnswerText: a stored answer offered again reads back to the same value', () => {
  it.each(script.questions.map((q) => [q.id, q] as const))('%s', (_id, question) => {
    fc.assert(
      fc.property(storedValues(question), (value) => {
        const text = editableAnswerText(question, value);
        const parsed = parseAnswer(question, text);
        expect(parsed, text).toMatchObject({ ok: true });
        expect(parsed.ok && parsed.value).toEqual(value);
      }),
      { numRuns: 150 },
    );
  });

  it('reads a skipped answer as "skip"', () => {
    expect(editableAnswerText(script.questions.find((q) => q.optional)!, null)).toBe('skip');
  });
});

import { describe, expect, it } from 'vitest';
import { FIELD_UNITS, numericLowerBound, numericUpperBound, profileFieldInfo } from '../../../src/core/interview/profile-fields.js';
import { InterviewScriptSchema, QuestionSchema, choiceKeys, labelHead, normalizeChoiceText } from '../../../src/core/interview/question.js';
import { PROFILE_FIELDS, PROFILE_LIMITS } from '../../../src/core/profile.js';

const choiceQuestion = {
  id: 'traffic_shape',
  field: 'traffic',
  text: 'What does its traffic look like?',
  help: 'e.g. "bursty"',
  type: 'single_choice',
  choices: [
    { value: 'steady', label: 'Steady' },
    { value: 'bursty', label: 'Bursty (quiet, then spikes)' },
  ],
};
const numberQuestion = {
  id: 'typical_duration',
  field: 'durationSeconds',
  text: 'How long?',
  help: 'e.g. "15 min"',
  type: 'number',
  unit: 'seconds',
};

function messages(
  input: unknown,
  schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: Array<{ message: string }> } } } = QuestionSchema,
): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);
}

describe('QuestionSchema', () => {
  it('accepts well-formed choice and number questions', () => {
    expect(messages(choiceQuestion)).toEqual([]);
    expect(messages(numberQuestion)).toEqual([]);
    expect(
      messages({ ...numberQuestion, min: 1, max: 10, optional: true, askWhen: { traffic: { in: ['bursty'] } }, concerns: ['faas'] }),
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a non-snake_case id', { ...choiceQuestion, id: 'TrafficShape' }, 'question "TrafficShape" (field traffic): id must be snake_case'],
    ['a double underscore id', { ...choiceQuestion, id: 'traffic__shape' }, 'id must be snake_case'],
    [
      'choices missing on a choice question',
      { ...choiceQuestion, choices: undefined },
      'question "traffic_shape" (field traffic): choices are required for a single_choice question',
    ],
    ['empty choices', { ...choiceQuestion, choices: [] }, 'choices are required'],
    [
      'choices on a number question',
      { ...numberQuestion, choices: choiceQuestion.choices },
      'question "typical_duration" (field durationSeconds): choices are only allowed on single_choice and multi_choice',
    ],
    [
      'a number question without a unit',
      { ...numberQuestion, unit: undefined },
      'question "typical_duration" (field durationSeconds): unit is required for a number question',
    ],
    ['a unit on a choice question', { ...choiceQuestion, unit: 'seconds' }, 'unit is only allowed on number questions'],
    ['min above max', { ...numberQuestion, min: 10, max: 1 }, 'min (10) must not be greater than max (1)'],
    [
      'a duplicate choice value',
      {
        ...choiceQuestion,
        choices: [
          { value: 'steady', label: 'Steady' },
          { value: 'steady', label: 'Flat' },
        ],
      },
      'choice value "steady" appears twice',
    ],
    [
      'a label that selects two choices',
      {
        ...choiceQuestion,
        choices: [
          { value: 'steady', label: 'Steady' },
          { value: 'bursty', label: 'Bursty', aliases: ['steady'] },
        ],
      },
      '"steady" would select both "steady" and "bursty"',
    ],
    [
      'a numeric alias',
      { ...choiceQuestion, choices: [{ value: 'steady', label: 'Steady', aliases: ['2'] }] },
      'numbers select choices by position',
    ],
    ['an unknown type', { ...choiceQuestion, type: 'dropdown' }, 'type must be one of single_choice, multi_choice, number, yes_no, text'],
    ['an unknown unit', { ...numberQuestion, unit: 'parsecs' }, 'unit must be one of seconds'],
    ['an unknown model in concerns', { ...numberQuestion, concerns: ['mainframe'] }, 'concerns lists models'],
    ['an unknown key', { ...numberQuestion, colour: 'blue' }, 'colour'],
    ['empty help', { ...numberQuestion, help: ' ' }, 'help (one line with an example) must not be empty'],
  ])('rejects %s', (_label, input, fragment) => {
    expect(messages(input).join('\n')).toContain(fragment);
  });
});

describe('InterviewScriptSchema', () => {
  it('rejects duplicate ids, naming the question and field', () => {
    const result = messages(
      { version: 1, questions: [numberQuestion, { ...numberQuestion, field: 'latencyTargetMs', unit: 'milliseconds' }] },
      InterviewScriptSchema,
    );
    expect(result.join('\n')).toContain('question "typical_duration" (field latencyTargetMs): id is used twice (questions 1 and 2)');
  });
  it('turns a numeric version into a string', () => {
    const parsed = InterviewScriptSchema.parse({ version: 3, questions: [numberQuestion] });
    expect(parsed.version).toBe('3');
  });
  it('needs at least one question', () => {
    expect(messages({ version: '1', questions: [] }, InterviewScriptSchema).join('\n')).toContain('at least one question');
  });
});

describe('choice text', () => {
  it('normalises case, separators and punctuation', () => {
    expect(normalizeChoiceText('  Multi-Cloud! ')).toBe('multi cloud');
    expect(normalizeChoiceText("Don't know")).toBe('dont know');
    expect(normalizeChoiceText('.NET')).toBe('net');
    expect(labelHead('Bursty (quiet, then sudden spikes)')).toBe('bursty');
    expect(labelHead('No: one cloud is fine')).toBe('no');
    expect(choiceKeys({ value: 'multi_cloud', label: 'Multi-cloud: must move', aliases: ['multicloud'] })).toEqual([
      'multi cloud',
      'multi cloud must move',
      'multicloud',
    ]);
  });
});

describe('profile field introspection', () => {
  it('reads shapes, requiredness and units from WorkloadProfileSchema', () => {
    expect(profileFieldInfo('traffic')?.shape).toEqual({ kind: 'enum', values: ['steady', 'variable', 'bursty', 'sporadic', 'scheduled'] });
    expect(profileFieldInfo('hardware')?.shape).toEqual({ kind: 'enum_list', values: ['gpu', 'local_nvme', 'hsm', 'special_network'] });
    expect(profileFieldInfo('edge')?.shape).toEqual({ kind: 'boolean' });
    expect(profileFieldInfo('memoryMb')?.shape).toEqual({ kind: 'number', max: PROFILE_LIMITS.memoryMb });
    expect(profileFieldInfo('name')?.shape).toEqual({ kind: 'string' });
    const required = PROFILE_FIELDS.filter((field) => profileFieldInfo(field)?.required);
    expect(required).toEqual(['name', 'kind', 'traffic', 'durationSeconds']);
    expect(profileFieldInfo('nope')).toBeUndefined();
    for (const field of Object.keys(FIELD_UNITS)) expect(profileFieldInfo(field)?.shape.kind).toBe('number');
  });

  it('finds each numeric lower bound', () => {
    expect(numericLowerBound('durationSeconds')).toEqual({ bound: 0, inclusive: false });
    expect(numericLowerBound('avgRequestsPerSecond')).toEqual({ bound: 0, inclusive: true });
    expect(numericLowerBound('peakToBaseline')).toEqual({ bound: 1, inclusive: true });
    expect(numericLowerBound('kind')).toBeNull();
  });

  it('finds each numeric upper bound', () => {
    for (const [field, limit] of Object.entries(PROFILE_LIMITS)) expect(numericUpperBound(field), field).toBe(limit);
    expect(numericUpperBound('kind')).toBeNull();
  });
});

import { z } from 'zod';
import { ConditionSchema } from '../condition.js';
import { MODELS } from '../models.js';
import { CUSTOM_FIELD } from '../profile.js';

/**
 * The interview as data: the shape of prompts/interview.yaml.
 * Question ids are stored with every answer in the database: never rename one once shipped.
 * Cross-checks against the workload profile (real fields, allowed values, skip logic order) live in
 * script-checks.ts; this file checks what a script must satisfy on its own.
 */

export const QUESTION_TYPES = ['single_choice', 'multi_choice', 'number', 'yes_no', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const NUMBER_UNITS = ['seconds', 'milliseconds', 'megabytes', 'requests_per_second', 'runs_per_day', 'ratio'] as const;
export type NumberUnit = (typeof NUMBER_UNITS)[number];

const SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

export const ChoiceSchema = z
  .object({
    value: z.string().min(1, { error: 'a choice value must not be empty' }),
    label: z.string().trim().min(1, { error: 'a choice label must not be empty' }),
    /** Other words people type for this choice, e.g. "yes" for strict isolation, "golang" for go. */
    aliases: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();
export type Choice = z.infer<typeof ChoiceSchema>;

const QuestionObject = z
  .object({
    id: z.string({ error: 'every question needs an id' }),
    field: z.string({ error: 'every question needs the profile field it fills' }),
    text: z.string().trim().min(1, { error: 'text (the question) must not be empty' }),
    help: z.string().trim().min(1, { error: 'help (one line with an example) must not be empty' }),
    type: z.enum(QUESTION_TYPES, { error: `type must be one of ${QUESTION_TYPES.join(', ')}` }),
    choices: z.array(ChoiceSchema).optional(),
    unit: z.enum(NUMBER_UNITS, { error: `unit must be one of ${NUMBER_UNITS.join(', ')}` }).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    optional: z.boolean().optional(),
    askWhen: ConditionSchema.optional(),
    concerns: z
      .array(z.enum(MODELS, { error: `concerns lists models: ${MODELS.join(', ')}` }))
      .min(1)
      .optional(),
  })
  .strict();

const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set(['single_choice', 'multi_choice']);

/** Normalises what a person types or a label says, so "Multi-cloud", "multi_cloud" and "multi cloud" compare equal. */
export function normalizeChoiceText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['‘’`]/g, '')
    .replace(/[_\-/]+/g, ' ')
    .replace(/[()[\]{}"“”,:;!?*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .trim();
}

/** The short part of a label before " (" or ":", as written: "Bursty (quiet, then sudden spikes)" -> "Bursty". */
export function labelShort(label: string): string {
  const cut = label.search(/\s*[(:]/);
  return (cut > 0 ? label.slice(0, cut) : label).trim();
}

/** labelShort, normalised for matching: "bursty". */
export function labelHead(label: string): string {
  return normalizeChoiceText(labelShort(label));
}

/** Every text that selects a choice: value, value with spaces, label, label head, aliases (normalised). */
export function choiceKeys(choice: Choice): string[] {
  const keys = [choice.value, choice.label, ...(choice.aliases ?? [])].map(normalizeChoiceText);
  keys.push(labelHead(choice.label));
  return [...new Set(keys.filter((key) => key.length > 0))];
}

export const QuestionSchema = QuestionObject.superRefine((q, ctx) => {
  const where = `question "${q.id}" (field ${q.field})`;
  const problem = (message: string, path: PropertyKey[] = []) => ctx.addIssue({ code: 'custom', message: `${where}: ${message}`, path });

  if (!SNAKE_CASE.test(q.id))
    problem('id must be snake_case (lowercase letters, digits and single underscores), e.g. "traffic_shape"', ['id']);
  if (!CAMEL_CASE.test(q.field) && !CUSTOM_FIELD.test(q.field))
    problem('field must be a camelCase workload profile field name, e.g. "peakToBaseline" (or custom.<snake_case id> in a lens)', [
      'field',
    ]);

  const isChoice = CHOICE_TYPES.has(q.type);
  if (isChoice) {
    if (!q.choices || q.choices.length === 0) problem(`choices are required for a ${q.type} question`, ['choices']);
  } else if (q.choices !== undefined) {
    problem(`choices are only allowed on single_choice and multi_choice questions, not ${q.type}`, ['choices']);
  }
  if (q.type === 'number') {
    if (q.unit === undefined) problem(`unit is required for a number question (one of ${NUMBER_UNITS.join(', ')})`, ['unit']);
  } else {
    if (q.unit !== undefined) problem(`unit is only allowed on number questions, not ${q.type}`, ['unit']);
    if (q.min !== undefined || q.max !== undefined) problem(`min and max are only allowed on number questions, not ${q.type}`, ['min']);
  }
  if (q.min !== undefined && q.max !== undefined && q.min > q.max)
    problem(`min (${q.min}) must not be greater than max (${q.max})`, ['min']);

  if (q.choices) {
    const seenValues = new Set<string>();
    const keyOwner = new Map<string, string>();
    q.choices.forEach((choice, index) => {
      if (seenValues.has(choice.value)) problem(`choice value "${choice.value}" appears twice`, ['choices', index, 'value']);
      seenValues.add(choice.value);
      for (const alias of choice.aliases ?? []) {
        if (/^#?\d+$/.test(alias.trim()))
          problem(`alias "${alias}" of "${choice.value}" is a number; numbers select choices by position`, ['choices', index, 'aliases']);
      }
      for (const key of choiceKeys(choice)) {
        const owner = keyOwner.get(key);
        if (owner !== undefined && owner !== choice.value) {
          problem(`"${key}" would select both "${owner}" and "${choice.value}"; make labels and aliases distinct`, ['choices', index]);
        }
        keyOwner.set(key, choice.value);
      }
    });
  }
});
export type Question = z.infer<typeof QuestionSchema>;

export const InterviewScriptSchema = z
  .object({
    version: z
      .union([z.string().trim().min(1), z.number().int().nonnegative()], { error: 'version must be a string or a whole number' })
      .transform(String),
    questions: z.array(QuestionSchema).min(1, { error: 'questions must list at least one question' }),
  })
  .strict()
  .superRefine((script, ctx) => {
    const firstIndex = new Map<string, number>();
    script.questions.forEach((q, index) => {
      const earlier = firstIndex.get(q.id);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `question "${q.id}" (field ${q.field}): id is used twice (questions ${earlier + 1} and ${index + 1}); ids must be unique`,
        });
      } else {
        firstIndex.set(q.id, index);
      }
    });
  });
export type InterviewScript = z.infer<typeof InterviewScriptSchema>;

import { conditionFields, type Condition, type FieldTest } from '../condition.js';
import { CUSTOM_FIELD, CustomAnswerSchema } from '../profile.js';
import {
  FIELD_UNITS,
  TYPE_FOR_SHAPE,
  profileFieldInfo as profileFieldInfoOf,
  profileFieldNames,
  type FieldShape,
  type ProfileFieldInfo,
} from './profile-fields.js';
import type { InterviewScript, Question } from './question.js';

/**
 * Cross-checks an interview script against the workload profile contract: every question fills a real field with a
 * fitting type, unit and choice values; skip logic only reads fields asked earlier, with values they can hold; every
 * required field (except name, which comes from the command) is always asked.
 */
export interface ScriptProblem {
  readonly questionId: string | null;
  readonly field: string | null;
  readonly message: string;
}

/** The name is given when the review starts ("/compute-advice payments-webhooks"), never asked. */
const SUPPLIED_FIELDS = new Set(['name']);

function fieldTests(condition: Condition): Array<[string, FieldTest]> {
  if ('all' in condition && Array.isArray(condition.all)) return (condition.all as Condition[]).flatMap(fieldTests);
  if ('any' in condition && Array.isArray(condition.any)) return (condition.any as Condition[]).flatMap(fieldTests);
  if ('not' in condition && typeof condition.not === 'object' && condition.not !== null) return fieldTests(condition.not as Condition);
  if ('always' in condition && condition.always === true) return [];
  return Object.entries(condition as Record<string, FieldTest>);
}

function comparedValues(test: FieldTest): unknown[] {
  return [test.eq, test.ne, test.includes, ...(test.in ?? []), ...(test.notIn ?? []), ...(test.includesAny ?? [])].filter(
    (value) => value !== undefined,
  );
}

function list(values: Iterable<string>): string {
  const all = [...values];
  return all.length > 0 ? all.join(', ') : '(none)';
}

/** A lens question's field, custom.<id>: its shape comes from the question itself. */
function customFieldInfo(question: Question): ProfileFieldInfo {
  const values = (question.choices ?? []).map((choice) => choice.value);
  const shape: FieldShape =
    question.type === 'single_choice'
      ? { kind: 'enum', values }
      : question.type === 'multi_choice'
        ? { kind: 'enum_list', values }
        : question.type === 'number'
          ? { kind: 'number', max: null }
          : question.type === 'yes_no'
            ? { kind: 'boolean' }
            : { kind: 'string' };
  return { name: question.field, shape, required: false, schema: CustomAnswerSchema };
}

/**
 * `allowCustom`: questions may fill custom.<snake_case id> facts (the lenses' questions, asked after the built-in ones);
 * a later question's askWhen may read them like any answered field.
 */
export function checkScriptAgainstProfile(script: InterviewScript, options: { allowCustom?: boolean } = {}): ScriptProblem[] {
  const customInfo = new Map<string, ProfileFieldInfo>();
  const profileFieldInfo = (field: string) => customInfo.get(field) ?? profileFieldInfoOf(field);
  if (options.allowCustom) {
    for (const question of script.questions)
      if (CUSTOM_FIELD.test(question.field) && !customInfo.has(question.field)) customInfo.set(question.field, customFieldInfo(question));
  }
  const problems: ScriptProblem[] = [];
  const add = (question: Question | null, message: string) =>
    problems.push({ questionId: question?.id ?? null, field: question?.field ?? null, message });
  // custom holds the lenses' answers, filled by custom.<id> questions, never as a whole.
  const askableFields = profileFieldNames().filter((field) => !SUPPLIED_FIELDS.has(field) && field !== 'custom');
  const askedEarlier = new Set<string>();
  const filledBy = new Map<string, Question>();

  for (const question of script.questions) {
    const info = profileFieldInfo(question.field);
    if (!info) {
      add(question, `field "${question.field}" is not a workload profile field; allowed: ${list(askableFields)}`);
    } else if (SUPPLIED_FIELDS.has(question.field)) {
      add(
        question,
        `field "${question.field}" comes from the command that starts the review and must not be asked; allowed: ${list(askableFields)}`,
      );
    } else {
      const owner = filledBy.get(question.field);
      if (owner) add(question, `field ${question.field} is already filled by question "${owner.id}"; each field is asked once`);
      else filledBy.set(question.field, question);

      const expectedType = TYPE_FOR_SHAPE[info.shape.kind];
      if (expectedType === null) add(question, `field ${question.field} cannot be filled by an interview question`);
      else if (expectedType !== question.type)
        add(question, `field ${question.field} needs a ${expectedType} question, not ${question.type}`);

      if (question.choices && (info.shape.kind === 'enum' || info.shape.kind === 'enum_list')) {
        const allowed = new Set(info.shape.values);
        for (const choice of question.choices) {
          if (!allowed.has(choice.value))
            add(question, `choice value "${choice.value}" is not allowed for ${question.field}; allowed: ${list(allowed)}`);
        }
      }
      const unit = FIELD_UNITS[question.field];
      if (question.type === 'number' && unit !== undefined && question.unit !== unit) {
        add(question, `unit must be ${unit} for ${question.field} (the profile stores it in ${unit}), not ${question.unit ?? 'missing'}`);
      }
      // One set of limits: a profile file and an interview answer accept the same values, so max comes from the profile.
      if (info.shape.kind === 'number' && info.shape.max !== null && question.max !== undefined) {
        add(question, `max is the profile's limit for ${question.field} (${info.shape.max}); leave it out`);
      }
      if (info.required && (question.optional || question.askWhen || question.concerns)) {
        add(
          question,
          `${question.field} is required by the workload profile, so this question must always be asked and answered: remove optional, askWhen and concerns`,
        );
      }
    }

    if (question.askWhen) {
      for (const fact of new Set(conditionFields(question.askWhen))) {
        const factInfo = profileFieldInfo(fact);
        if (!factInfo || SUPPLIED_FIELDS.has(fact)) {
          add(
            question,
            `askWhen reads "${fact}", which is not an answered profile field; allowed: fields asked by earlier questions (${list(askedEarlier)})`,
          );
        } else if (!askedEarlier.has(fact)) {
          add(
            question,
            `askWhen reads "${fact}", which no earlier question asks; allowed: fields asked by earlier questions (${list(askedEarlier)})`,
          );
        }
      }
      for (const [fact, test] of fieldTests(question.askWhen)) {
        const factInfo = profileFieldInfo(fact);
        if (!factInfo || (factInfo.shape.kind !== 'enum' && factInfo.shape.kind !== 'enum_list')) continue;
        const allowed = new Set(factInfo.shape.values);
        for (const value of comparedValues(test)) {
          if (typeof value !== 'string' || !allowed.has(value))
            add(question, `askWhen compares ${fact} with ${JSON.stringify(value)}, which ${fact} never holds; allowed: ${list(allowed)}`);
        }
      }
    }
    if (info) askedEarlier.add(question.field);
  }

  for (const field of profileFieldNames()) {
    const info = profileFieldInfo(field);
    if (info?.required && !SUPPLIED_FIELDS.has(field) && !filledBy.has(field)) {
      add(null, `required profile field ${field} is not filled by any question; add a question with field: ${field}`);
    }
  }
  return problems;
}

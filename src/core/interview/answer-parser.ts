import { matchChoice, matchChoiceList } from './choice-matcher.js';
import { numericLowerBound, numericUpperBound, profileFieldInfo } from './profile-fields.js';
import { parseQuantity } from './quantity-parser.js';
import { labelHead, labelShort, normalizeChoiceText, type Choice, type NumberUnit, type Question } from './question.js';

/**
 * Turns what a person typed (or a button value) into a stored answer value.
 * Total: never throws; every ok value passes the profile field's zod schema and the question's min/max.
 * Messages never echo the user's text (renderers need not worry about it) and always give an example.
 */
export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

const MAX_ANSWER_LENGTH = 500;

const YES = new Set([
  'yes',
  'y',
  'yeah',
  'yea',
  'yep',
  'yup',
  'sure',
  'true',
  '1',
  'ok',
  'okay',
  'of course',
  'definitely',
  'absolutely',
  'correct',
  'it does',
  'we do',
  'yes it does',
  'yes we do',
  'yes please',
  'affirmative',
]);
const NO = new Set([
  'no',
  'n',
  'nope',
  'nah',
  'false',
  '0',
  'not really',
  'no it does not',
  'no it doesnt',
  'it does not',
  'it doesnt',
  'we do not',
  'we dont',
  'not at all',
  'no thanks',
  'negative',
  'never',
]);
const EMPTY_LIST = new Set([
  'none',
  'nothing',
  'no',
  'nope',
  'nah',
  'none of these',
  'none of them',
  'none of those',
  'neither',
  'nothing special',
  'no special hardware',
  'nothing like that',
  'not needed',
  'n a',
  'na',
  'empty',
]);
const SKIP = new Set([
  'skip',
  'skip it',
  'skip this',
  'skip this one',
  'pass',
  'next',
  "don't know",
  'dont know',
  'do not know',
  'i dont know',
  "i don't know",
  'not sure',
  'unsure',
  'unknown',
  'no idea',
  'idk',
  'dunno',
  'n a',
  'na',
  'not applicable',
  'no clue',
]);
/** For optional number and text questions "none" means "there isn't one", e.g. no latency target. */
const NOTHING = new Set([
  'none',
  'no',
  'nope',
  'nah',
  'nothing',
  'no target',
  'no limit',
  'no requirement',
  'not latency sensitive',
  'no sla',
  'not important',
  'doesnt matter',
  "doesn't matter",
  'any',
  'whatever',
]);

const UNIT_HINTS: Record<NumberUnit, string> = {
  seconds: 'I need a duration, like "90s", "15 min" or "2h".',
  milliseconds: 'I need a time, like "200ms", "0.5s" or "150" (milliseconds).',
  megabytes: 'I need an amount of memory, like "512mb", "1.5 GB" or "2 GiB".',
  requests_per_second: 'I need a request rate, like "40 req/s", "5k rps", "100 per minute" or "3 million a month".',
  runs_per_day: 'I need how often it runs, like "every 5 minutes", "hourly", "3 times a day" or "500/day".',
  ratio: 'I need how many times busier the peak is than normal, like "10x" or "100:1".',
};

/** What a good answer to this question looks like, with an example; used in every rejection. */
export function answerHint(question: Question): string {
  const skip = question.optional ? ' You can also say "skip".' : '';
  switch (question.type) {
    case 'number':
      return (question.unit ? UNIT_HINTS[question.unit] : 'I need a number, like "40".') + skip;
    case 'single_choice': {
      const choices = question.choices ?? [];
      const example = choices[1] ?? choices[0];
      const name = example ? `"${labelHead(example.label)}"` : 'its name';
      // No numbers here: chat shows the options as buttons, not numbered (a typed number still works where a list is).
      return `Pick one of the options, like ${name}.${skip}`;
    }
    case 'multi_choice': {
      const choices = question.choices ?? [];
      const names = choices
        .slice(0, 2)
        .map((choice) => labelHead(choice.label))
        .join(', ');
      return `Pick any of the options, separated by commas, like "${names}", or say "none".${skip}`;
    }
    case 'yes_no':
      return `Please answer yes or no.${skip}`;
    case 'text':
      return `Please type a short answer (up to ${MAX_ANSWER_LENGTH} characters).${skip}`;
  }
}

function reject(question: Question, lead: string | null): ParseResult {
  return { ok: false, message: lead ? `${lead} ${answerHint(question)}` : answerHint(question) };
}

/** The last gate: the value must pass the profile field's own schema. */
function finalize(question: Question, value: unknown): ParseResult {
  const info = profileFieldInfo(question.field);
  if (!info) return { ok: true, value };
  const parsed = info.schema.safeParse(value);
  if (!parsed.success || parsed.data === undefined) return reject(question, "That isn't a value I can use here.");
  return { ok: true, value: parsed.data };
}

function inChoiceOrder(choices: readonly Choice[], picked: readonly Choice[]): string[] {
  return choices.filter((choice) => picked.includes(choice)).map((choice) => choice.value);
}

function whichOne(question: Question, candidates: readonly Choice[]): ParseResult {
  const names = candidates.map((choice) => `"${labelShort(choice.label)}"`);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? '');
  return reject(question, `That could be ${listed}. Which one?`);
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function formatSeconds(seconds: number): string {
  if (seconds >= 86_400) return `${formatNumber(seconds / 86_400)} days`;
  if (seconds >= 3_600) return `${formatNumber(seconds / 3_600)} hours`;
  if (seconds >= 60) return `${formatNumber(seconds / 60)} min`;
  return `${formatNumber(seconds)} s`;
}

/** A figure in the question's unit, as a person would say it: "30 days", "16 GB", "10x". */
export function formatQuantity(value: number, unit: NumberUnit): string {
  switch (unit) {
    case 'seconds':
      return formatSeconds(value);
    case 'milliseconds':
      return value >= 1000 ? formatSeconds(value / 1000) : `${formatNumber(value)} ms`;
    case 'megabytes':
      if (value >= 1_048_576) return `${formatNumber(value / 1_048_576)} TB`;
      if (value >= 1024) return `${formatNumber(value / 1024)} GB`;
      return `${formatNumber(value)} MB`;
    case 'requests_per_second':
      return `${formatNumber(value)} requests per second`;
    case 'runs_per_day':
      return `${formatNumber(value)} runs a day`;
    case 'ratio':
      return `${formatNumber(value)}x`;
  }
}

function checkNumber(question: Question, value: number): ParseResult {
  if (!Number.isFinite(value)) return reject(question, "That isn't a number I can use.");
  if (value < 0) return reject(question, "That can't be negative.");
  const unit = question.unit ?? 'ratio';
  if (question.min !== undefined && value < question.min)
    return reject(question, `That is below the smallest value I accept here (${formatQuantity(question.min, unit)}).`);
  const max = Math.min(question.max ?? Number.POSITIVE_INFINITY, numericUpperBound(question.field) ?? Number.POSITIVE_INFINITY);
  if (value > max) return reject(question, `That is more than the most I accept here (${formatQuantity(max, unit)}).`);
  const info = profileFieldInfo(question.field);
  if (info && !info.schema.safeParse(value).success) {
    const bound = numericLowerBound(question.field);
    if (bound) {
      const figure = formatQuantity(bound.bound, unit);
      return reject(question, bound.inclusive ? `It needs to be at least ${figure}.` : `It needs to be more than ${figure}.`);
    }
    return reject(question, "That isn't a value I can use here.");
  }
  return finalize(question, value);
}

function parseNumberAnswer(question: Question, raw: string): ParseResult {
  const result = parseQuantity(question.unit ?? 'ratio', raw);
  if (!result.ok) {
    if (result.reason === 'negative') return reject(question, "That can't be negative.");
    if (result.reason === 'range') return reject(question, 'Please give one figure rather than a range (the higher end if unsure).');
    return reject(question, "Sorry, I couldn't read that.");
  }
  return checkNumber(question, result.value);
}

/** Parses typed text for the question. */
export function parseAnswer(question: Question, raw: string): ParseResult {
  const text = typeof raw === 'string' ? raw : '';
  if (text.length > MAX_ANSWER_LENGTH) return reject(question, 'That answer is too long.');
  if (text.trim() === '') return reject(question, null);
  const normalized = normalizeChoiceText(text);

  switch (question.type) {
    case 'single_choice': {
      const match = matchChoice(question.choices ?? [], text);
      if (match.kind === 'match') return finalize(question, match.choice.value);
      if (match.kind === 'ambiguous') return whichOne(question, match.candidates);
      return reject(question, "Sorry, I didn't recognise that option.");
    }
    case 'multi_choice': {
      const choices = question.choices ?? [];
      const match = matchChoiceList(choices, text);
      if (match.kind === 'match') return finalize(question, inChoiceOrder(choices, match.choices));
      if (EMPTY_LIST.has(normalized)) return finalize(question, []);
      if (match.kind === 'ambiguous') return whichOne(question, match.candidates);
      return reject(question, "Sorry, I didn't recognise all of those options.");
    }
    case 'yes_no':
      if (YES.has(normalized)) return finalize(question, true);
      if (NO.has(normalized)) return finalize(question, false);
      return reject(question, null);
    case 'number':
      return parseNumberAnswer(question, text);
    case 'text':
      return finalize(question, text.trim().replace(/\s+/g, ' '));
  }
}

/**
 * Validates a value that arrived ready-made (a button, a select, a stored answer) against the question.
 * Strings fall back to parseAnswer, so a button may carry a choice value, "yes" or "15 min".
 */
export function validateValue(question: Question, value: unknown): ParseResult {
  if (typeof value === 'string') {
    const exact = question.choices?.find((choice) => choice.value === value);
    if (exact && question.type === 'single_choice') return finalize(question, exact.value);
    if (question.type === 'multi_choice' && exact) return finalize(question, [exact.value]);
    return parseAnswer(question, value);
  }
  switch (question.type) {
    case 'single_choice':
      return reject(question, null);
    case 'multi_choice': {
      if (!Array.isArray(value)) return reject(question, null);
      const choices = question.choices ?? [];
      const picked: Choice[] = [];
      for (const item of value) {
        const choice = choices.find((candidate) => candidate.value === item);
        if (!choice) return reject(question, "Sorry, I didn't recognise all of those options.");
        picked.push(choice);
      }
      return finalize(question, inChoiceOrder(choices, picked));
    }
    case 'yes_no':
      return typeof value === 'boolean' ? finalize(question, value) : reject(question, null);
    case 'number':
      return typeof value === 'number' ? checkNumber(question, value) : reject(question, null);
    case 'text':
      return reject(question, null);
  }
}

/** True when the person asks to skip ("skip", "not sure", or "none" for an optional number such as a latency target). */
export function isSkipRequest(question: Question, raw: string): boolean {
  if (typeof raw !== 'string') return false;
  const text = raw.trim() === '-' ? 'skip' : normalizeChoiceText(raw);
  const wantsSkip = SKIP.has(text) || ((question.type === 'number' || question.type === 'text') && NOTHING.has(text));
  if (!wantsSkip) return false;
  // A choice that literally means this wins over skipping ("none" is a real answer for container skills).
  if (question.choices && matchChoice(question.choices, raw).kind === 'match') return false;
  return true;
}

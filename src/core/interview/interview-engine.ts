import { compileCondition, conditionFields, type CompiledCondition } from '../condition.js';
import type { Model } from '../models.js';
import {
  CUSTOM_FACT_PREFIX,
  isCustomFact,
  MAX_NAME_LENGTH,
  parseProfile,
  WorkloadProfileSchema,
  type ProfileField,
  type WorkloadProfile,
  type WorkloadProfileInput,
} from '../profile.js';
import { answerHint, isSkipRequest, parseAnswer, validateValue, type ParseResult } from './answer-parser.js';
import type { InterviewScript, Question } from './question.js';

/**
 * The interview as a pure state machine. Every operation takes a state and returns a new (frozen) state with an
 * outcome; none throws on user input, and no invalid value ever enters `answers`.
 *
 * Applicability: one pass over the script in order. A question applies when its `askWhen` holds on the answers of
 * the EARLIER applicable questions and, if it lists `concerns`, at least one of those models is not yet ruled out
 * (ctx.ruledOut over the same earlier answers). Only applicable answers reach the profile.
 *
 * Edits: answers of questions that stop applying (traffic changed from bursty to steady drops peakToBaseline) stay
 * in `answers` but are ignored; if the question applies again later, its stored answer counts again without
 * re-asking. Storage keeps full history anyway, and this makes "change it back" lossless.
 *
 * Revisits: an answer changed on the way back (goBack) may make any later answer wrong, so every later answered
 * question is asked again, its answer offered as the default; an answer changed from the card re-asks the later
 * questions whose askWhen reads it. Answering with the same value re-asks nothing.
 *
 * Progress: a question whose askWhen cannot be decided yet (it reads an answer still to come) counts as one that may
 * be asked, so "question 5 of about 12" only shrinks as answers come in, and going back never raises it.
 */

export type InterviewStatus = 'in_progress' | 'completed' | 'cancelled' | 'expired';

export interface InterviewState {
  readonly name: string;
  /** questionId -> stored value; null = skipped (optional questions only). */
  readonly answers: Readonly<Record<string, unknown>>;
  /** A question re-opened by goBack/changeAnswer: it is asked before anything else. */
  readonly reopened: string | null;
  /** How `reopened` was re-opened: going back re-asks every later answer if it changes, the card only dependents. */
  readonly reopenedBy?: ReopenKind | null;
  /** Later answered questions to ask again (after an earlier answer changed), in script order; none when absent. */
  readonly revisit?: readonly string[];
  readonly status: InterviewStatus;
}

export type ReopenKind = 'back' | 'change';

/** Where the current question stands: its place among the questions that apply, and about how many there are. */
export interface InterviewProgress {
  /** 1-based: applicable questions before this one, plus one. */
  position: number;
  /** Questions that apply or may still apply; at least `position`. */
  total: number;
  /** False while some question's askWhen cannot be decided yet (the total may still shrink). */
  exact: boolean;
}

export interface InterviewContext {
  readonly script: InterviewScript;
  /** Models already ruled out by the answers so far (profile field -> value); default: none. */
  readonly ruledOut?: (partial: Readonly<Record<string, unknown>>) => ReadonlySet<Model>;
  /** The organisation's defaults (the active lenses') for profile fields no answer filled. */
  readonly defaults?: Readonly<Partial<WorkloadProfileInput>>;
}

export type StartOutcome = { kind: 'started'; state: InterviewState } | { kind: 'rejected'; message: string };

export type AnswerOutcome =
  | {
      kind: 'accepted';
      state: InterviewState;
      /** The question just answered. */
      question: Question;
      /** The stored value; null when skipped. */
      value: unknown;
      /** The value it replaced; undefined when first answered (storage records it as history). */
      previous: unknown;
      /** What to ask next; null when the interview is complete. */
      next: Question | null;
    }
  | { kind: 'rejected'; state: InterviewState; question: Question; message: string }
  | { kind: 'stale'; state: InterviewState; expectedQuestionId: string; current: Question | null; message: string }
  | { kind: 'closed'; state: InterviewState; message: string };

export type ReopenOutcome =
  | { kind: 'reopened'; state: InterviewState; question: Question; currentValue: unknown }
  | { kind: 'rejected'; state: InterviewState; message: string }
  | { kind: 'closed'; state: InterviewState; message: string };

export type CloseOutcome =
  | { kind: 'cancelled' | 'expired'; state: InterviewState }
  | { kind: 'closed'; state: InterviewState; message: string };

export type ProfileOutcome =
  | { ok: true; profile: WorkloadProfile /** Fields no answer filled, so the schema's defaults apply. */; defaulted: ProfileField[] }
  | { ok: false; missing: string[]; problems: string[] };

interface Step {
  readonly question: Question;
  readonly applicable: boolean;
  /** Not applicable yet, but its askWhen reads an answer still to come: it may be asked. */
  readonly possible: boolean;
  readonly answered: boolean;
  /** The effective stored value: null when skipped, undefined when unanswered. */
  readonly value: unknown;
}

const NOTHING_RULED_OUT: ReadonlySet<Model> = new Set();
const compiled = new WeakMap<Question, { test: CompiledCondition; fields: readonly string[] }>();

function askWhenOf(question: Question): { test: CompiledCondition; fields: readonly string[] } | undefined {
  if (!question.askWhen) return undefined;
  let entry = compiled.get(question);
  if (!entry) {
    entry = { test: compileCondition(question.askWhen), fields: conditionFields(question.askWhen) };
    compiled.set(question, entry);
  }
  return entry;
}

function askWhenHolds(question: Question, facts: Readonly<Record<string, unknown>>): boolean {
  return askWhenOf(question)?.test(facts) ?? true;
}

function hasOwn(record: object, key: string): boolean {
  return Object.hasOwn(record, key);
}

/** A stored answer counts only if it is still valid for the question (scripts evolve; storage may be old). */
function storedAnswer(question: Question, answers: Readonly<Record<string, unknown>>): { answered: boolean; value: unknown } {
  if (!hasOwn(answers, question.id)) return { answered: false, value: undefined };
  const raw = answers[question.id];
  if (raw === undefined) return { answered: false, value: undefined };
  if (raw === null) return question.optional ? { answered: true, value: null } : { answered: false, value: undefined };
  const checked = validateValue(question, raw);
  return checked.ok ? { answered: true, value: checked.value } : { answered: false, value: undefined };
}

function walk(ctx: InterviewContext, state: InterviewState): { steps: Step[]; facts: Record<string, unknown> } {
  const facts: Record<string, unknown> = { name: state.name };
  let ruled: ReadonlySet<Model> | null = null;
  const steps: Step[] = [];
  // Fields of questions that apply (or may) and are not answered yet: an askWhen reading one is undecided.
  const pending = new Set<string>();
  for (const question of ctx.script.questions) {
    let applicable = askWhenHolds(question, facts);
    const possible = !applicable && (askWhenOf(question)?.fields.some((field) => pending.has(field)) ?? false);
    if (applicable && question.concerns) {
      ruled ??= ctx.ruledOut ? ctx.ruledOut(Object.freeze({ ...facts })) : NOTHING_RULED_OUT;
      const stillOpen = ruled;
      applicable = question.concerns.some((model) => !stillOpen.has(model));
    }
    const stored = storedAnswer(question, state.answers);
    steps.push({ question, applicable, possible, answered: stored.answered, value: stored.value });
    if ((applicable || possible) && !stored.answered) pending.add(question.field);
    if (applicable && stored.answered && stored.value !== null) {
      facts[question.field] = stored.value;
      ruled = null;
    }
  }
  return { steps, facts };
}

function currentStep(state: InterviewState, steps: readonly Step[]): Step | null {
  if (state.status !== 'in_progress') return null;
  if (state.reopened !== null) {
    const reopened = steps.find((step) => step.question.id === state.reopened);
    if (reopened?.applicable) return reopened;
  }
  // In script order: an unanswered question and one to ask again are asked as they come.
  const revisit = new Set(state.revisit ?? []);
  return steps.find((step) => step.applicable && (!step.answered || revisit.has(step.question.id))) ?? null;
}

function freeze(state: InterviewState): InterviewState {
  return Object.freeze({ ...state, answers: Object.freeze({ ...state.answers }) });
}

const CLOSED_MESSAGES: Record<InterviewStatus, string> = {
  in_progress: 'There is nothing left to answer.',
  completed: 'This review is already complete. You can change an answer to revise it.',
  cancelled: 'This review was cancelled. Start a new one to try again.',
  expired: 'This review expired. Start a new one to try again.',
};

function closed(state: InterviewState): { kind: 'closed'; state: InterviewState; message: string } {
  return { kind: 'closed', state, message: CLOSED_MESSAGES[state.status] };
}

/** Starts an interview for a workload; the name comes from the command, not from a question. */
export function startInterview(name: string): StartOutcome {
  const trimmed = typeof name === 'string' ? name.trim().replace(/\s+/g, ' ') : '';
  const checked = WorkloadProfileSchema.shape.name.safeParse(trimmed);
  if (trimmed === '') return { kind: 'rejected', message: 'Give the workload a name, like "payments-webhooks".' };
  if (!checked.success)
    return {
      kind: 'rejected',
      message: `That name is too long: keep it to ${MAX_NAME_LENGTH} characters or fewer, like "payments-webhooks".`,
    };
  return {
    kind: 'started',
    state: freeze({ name: checked.data, answers: {}, reopened: null, reopenedBy: null, revisit: [], status: 'in_progress' }),
  };
}

/** The question to ask now: a re-opened one first, else the first applicable unanswered one; null when none. */
export function currentQuestion(ctx: InterviewContext, state: InterviewState): Question | null {
  return currentStep(state, walk(ctx, state).steps)?.question ?? null;
}

function store(ctx: InterviewContext, state: InterviewState, question: Question, value: unknown): AnswerOutcome {
  const previous = hasOwn(state.answers, question.id) ? state.answers[question.id] : undefined;
  const answers = { ...state.answers, [question.id]: value };
  const changed = previous !== undefined && JSON.stringify(previous) !== JSON.stringify(value);
  const reopenedBy = state.reopened === question.id ? (state.reopenedBy ?? 'change') : null;
  const revisit = revisitAfter(ctx, { ...state, answers }, question, changed ? reopenedBy : null);
  const draft = freeze({ ...state, answers, reopened: null, reopenedBy: null, revisit, status: 'in_progress' });
  const next = currentQuestion(ctx, draft);
  const finalState = next ? draft : freeze({ ...draft, status: 'completed' });
  return { kind: 'accepted', state: finalState, question, value, previous, next };
}

/**
 * The questions to ask again once `question` is answered: the earlier list less this one, plus, when its answer
 * changed, the later answered questions it may have made wrong (every one after a step back; those whose askWhen
 * reads it after a change from the card). In script order.
 */
function revisitAfter(ctx: InterviewContext, state: InterviewState, question: Question, changedBy: ReopenKind | null): string[] {
  const ids = new Set((state.revisit ?? []).filter((id) => id !== question.id));
  const { steps } = walk(ctx, state);
  if (changedBy !== null) {
    const from = steps.findIndex((step) => step.question.id === question.id);
    for (const step of steps.slice(from + 1)) {
      if (changedBy === 'back' || askWhenOf(step.question)?.fields.includes(question.field)) ids.add(step.question.id);
    }
  }
  // Only answers that still count can be asked again: one the change made inapplicable drops out.
  return steps.filter((step) => step.applicable && step.answered && ids.has(step.question.id)).map((step) => step.question.id);
}

type Answer = string | { value: unknown };
const SKIP = Symbol('skip');

function answerInternal(
  ctx: InterviewContext,
  state: InterviewState,
  answer: Answer | typeof SKIP,
  expectedQuestionId?: string,
): AnswerOutcome {
  if (state.status !== 'in_progress') return closed(state);
  const step = currentStep(state, walk(ctx, state).steps);
  if (!step) return closed(state);
  const question = step.question;
  if (expectedQuestionId !== undefined && expectedQuestionId !== question.id) {
    return {
      kind: 'stale',
      state,
      expectedQuestionId,
      current: question,
      message: 'That question was already answered; here is where we are now.',
    };
  }
  const cannotSkip = (): AnswerOutcome => ({
    kind: 'rejected',
    state,
    question,
    message: `This one can't be skipped. ${answerHint(question)}`,
  });

  let result: ParseResult;
  if (answer === SKIP || (typeof answer === 'object' && answer !== null && answer.value === null)) {
    return question.optional ? store(ctx, state, question, null) : cannotSkip();
  } else if (typeof answer === 'string') {
    if (isSkipRequest(question, answer)) {
      if (question.optional) return store(ctx, state, question, null);
      result = parseAnswer(question, answer);
      if (!result.ok) return cannotSkip();
    } else {
      result = parseAnswer(question, answer);
    }
  } else if (typeof answer === 'object' && answer !== null && 'value' in answer) {
    result = validateValue(question, answer.value);
  } else {
    result = { ok: false, message: answerHint(question) };
  }
  if (!result.ok) return { kind: 'rejected', state, question, message: result.message };
  return store(ctx, state, question, result.value);
}

/**
 * Answers the current question with typed text or a ready value ({ value } from a button; { value: null } skips).
 * expectedQuestionId guards against double clicks and old buttons: if it is not the current question, nothing changes.
 */
export function answerCurrent(ctx: InterviewContext, state: InterviewState, answer: Answer, expectedQuestionId?: string): AnswerOutcome {
  return answerInternal(ctx, state, answer, expectedQuestionId);
}

/** Skips the current question if it is optional (stores null); otherwise rejected with what is expected. */
export function skipCurrent(ctx: InterviewContext, state: InterviewState, expectedQuestionId?: string): AnswerOutcome {
  return answerInternal(ctx, state, SKIP, expectedQuestionId);
}

function reopen(state: InterviewState, step: Step, by: ReopenKind): ReopenOutcome {
  return {
    kind: 'reopened',
    state: freeze({ ...state, reopened: step.question.id, reopenedBy: by, status: 'in_progress' }),
    question: step.question,
    currentValue: step.value,
  };
}

/** Re-opens the last answered applicable question before the current one (or the last one, once complete). */
export function goBack(ctx: InterviewContext, state: InterviewState): ReopenOutcome {
  if (state.status === 'cancelled' || state.status === 'expired') return closed(state);
  const { steps } = walk(ctx, state);
  const current = currentStep(state, steps);
  const anchor = current ? steps.indexOf(current) : steps.length;
  for (let index = anchor - 1; index >= 0; index--) {
    const step = steps[index];
    if (step?.applicable && step.answered) return reopen(state, step, 'back');
  }
  return { kind: 'rejected', state, message: 'This is the first question, so there is nothing to go back to.' };
}

/**
 * Re-opens any answered, still applicable question. Once it is answered again the interview continues at the first
 * applicable unanswered question (skip logic re-evaluated), or completes.
 */
export function changeAnswer(ctx: InterviewContext, state: InterviewState, questionId: string): ReopenOutcome {
  if (state.status === 'cancelled' || state.status === 'expired') return closed(state);
  const { steps } = walk(ctx, state);
  const step = steps.find((candidate) => candidate.question.id === questionId);
  if (!step) return { kind: 'rejected', state, message: "I don't know that question. Pick one of the answers given so far." };
  if (!step.applicable)
    return { kind: 'rejected', state, message: "That question doesn't apply to this workload with the answers given so far." };
  if (!step.answered) return { kind: 'rejected', state, message: "That question hasn't been answered yet." };
  return reopen(state, step, 'change');
}

/** Cancels an interview in progress. */
export function cancel(state: InterviewState): CloseOutcome {
  if (state.status !== 'in_progress') return closed(state);
  return { kind: 'cancelled', state: freeze({ ...state, reopened: null, reopenedBy: null, revisit: [], status: 'cancelled' }) };
}

/** Marks a stalled interview in progress as expired (the app decides when; the core has no clock). */
export function expire(state: InterviewState): CloseOutcome {
  if (state.status !== 'in_progress') return closed(state);
  return { kind: 'expired', state: freeze({ ...state, reopened: null, reopenedBy: null, revisit: [], status: 'expired' }) };
}

/** True when every applicable question is answered and nothing is re-opened or waiting to be asked again. */
export function isComplete(ctx: InterviewContext, state: InterviewState): boolean {
  if (state.status === 'cancelled' || state.status === 'expired') return false;
  return currentStep({ ...state, status: 'in_progress' }, walk(ctx, state).steps) === null;
}

/** The question to ask now with its stored answer (re-opened or revisited ones have one), and the progress line. */
export interface Position {
  question: Question | null;
  /** The current question's stored answer, offered as the default; undefined when it has none (null: skipped). */
  current: unknown;
  progress: InterviewProgress;
}

/** currentQuestion, its stored answer and the progress from one pass over the script. */
export function position(ctx: InterviewContext, state: InterviewState): Position {
  const { steps } = walk(ctx, state);
  const step = currentStep(state, steps);
  return { question: step?.question ?? null, current: step?.answered ? step.value : undefined, progress: progressOf(steps, step) };
}

function progressOf(steps: readonly Step[], current: Step | null): InterviewProgress {
  const at = current ? steps.indexOf(current) : steps.length;
  let before = 0;
  let total = 0;
  let exact = true;
  steps.forEach((step, index) => {
    if (!step.applicable && !step.possible) return;
    total++;
    if (step.possible) exact = false;
    if (index < at) before++;
  });
  const position = before + 1;
  return { position, total: Math.max(total, position), exact };
}

/** The answers that count, in script order (for "change an answer" menus and summaries); null = skipped. */
export function answeredQuestions(ctx: InterviewContext, state: InterviewState): Array<{ question: Question; value: unknown }> {
  return walk(ctx, state)
    .steps.filter((step) => step.applicable && step.answered)
    .map((step) => ({ question: step.question, value: step.value }));
}

/**
 * The workload profile from the applicable answers (skipped and inapplicable ones left out, so defaults apply).
 * missing lists the ids of applicable questions still unanswered.
 */
export function toProfile(ctx: InterviewContext, state: InterviewState): ProfileOutcome {
  const { steps, facts } = walk(ctx, state);
  const missing = steps.filter((step) => step.applicable && !step.answered).map((step) => step.question.id);
  if (missing.length > 0) return { ok: false, missing, problems: [] };
  // Answers to lens questions (facts custom.<id>) go into the profile's custom answers.
  const input: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [fact, value] of Object.entries(facts)) {
    if (isCustomFact(fact)) custom[fact.slice(CUSTOM_FACT_PREFIX.length)] = value;
    else input[fact] = value;
  }
  if (Object.keys(custom).length > 0) input.custom = custom;
  const parsed = parseProfile(input, ctx.defaults);
  if (!parsed.success) {
    return {
      ok: false,
      missing: [],
      problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'profile'}: ${issue.message}`),
    };
  }
  return { ok: true, profile: parsed.data, defaulted: parsed.defaulted };
}

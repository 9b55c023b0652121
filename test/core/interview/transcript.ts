import { expect } from 'vitest';
import {
  answerCurrent,
  cancel,
  changeAnswer,
  currentQuestion,
  goBack,
  skipCurrent,
  startInterview,
  type InterviewContext,
  type InterviewState,
} from '../../../src/core/interview/interview-engine.js';

/**
 * Transcript tests as tables: each row is [what the user does, what the bot does next].
 * The user types text, or clicks/uses a command: { click: value, on?: questionId }, { skip: true }, { back: true },
 * { change: questionId }, { cancel: true }, { say: text, on: questionId } (text with an expected question id).
 * The bot asks a question (its id), or 'done' (complete), 'cancelled', { rejected: fragment } (re-asks the same
 * question, state unchanged), { stale: currentQuestionId } or { closed: fragment }.
 */
export type UserTurn =
  | string
  | { click: unknown; on?: string }
  | { say: string; on: string }
  | { skip: true; on?: string }
  | { back: true }
  | { change: string }
  | { cancel: true };

export type BotTurn = string | { rejected: string } | { stale: string } | { closed: string };

export type Transcript = ReadonlyArray<readonly [UserTurn, BotTurn]>;

export function begin(name = 'payments-webhooks'): InterviewState {
  const started = startInterview(name);
  if (started.kind !== 'started') throw new Error(started.message);
  return started.state;
}

/** Plays a transcript from `state`, asserting every bot turn; returns the final state. */
export function play(ctx: InterviewContext, transcript: Transcript, state: InterviewState = begin()): InterviewState {
  let current = state;
  transcript.forEach(([user, bot], index) => {
    const where = `turn ${index + 1}: user ${JSON.stringify(user)}`;
    const before = current;
    const askedBefore = currentQuestion(ctx, before)?.id ?? null;
    let outcome: { kind: string; message?: string; state: InterviewState; current?: { id: string } | null };

    if (typeof user === 'string') outcome = answerCurrent(ctx, current, user);
    else if ('click' in user) outcome = answerCurrent(ctx, current, { value: user.click }, user.on);
    else if ('say' in user) outcome = answerCurrent(ctx, current, user.say, user.on);
    else if ('skip' in user) outcome = skipCurrent(ctx, current, user.on);
    else if ('back' in user) outcome = goBack(ctx, current);
    else if ('change' in user) outcome = changeAnswer(ctx, current, user.change);
    else outcome = cancel(current);
    const next = outcome.state;

    if (typeof bot === 'string') {
      if (bot === 'done') {
        expect(outcome.kind, where).toBe('accepted');
        expect(next.status, where).toBe('completed');
        expect(currentQuestion(ctx, next), where).toBeNull();
      } else if (bot === 'cancelled') {
        expect(outcome.kind, where).toBe('cancelled');
        expect(next.status, where).toBe('cancelled');
      } else {
        expect(['accepted', 'reopened'], `${where}: ${outcome.message ?? ''}`).toContain(outcome.kind);
        expect(currentQuestion(ctx, next)?.id, where).toBe(bot);
      }
    } else if ('rejected' in bot) {
      expect(outcome.kind, where).toBe('rejected');
      expect(outcome.message, where).toContain(bot.rejected);
      expect(next, `${where}: state must not change`).toBe(before);
      expect(currentQuestion(ctx, next)?.id ?? null, where).toBe(askedBefore);
    } else if ('stale' in bot) {
      expect(outcome.kind, where).toBe('stale');
      expect(outcome.current?.id, where).toBe(bot.stale);
      expect(next, `${where}: state must not change`).toBe(before);
    } else {
      expect(outcome.kind, where).toBe('closed');
      expect(outcome.message, where).toContain(bot.closed);
      expect(next, `${where}: state must not change`).toBe(before);
    }
    current = next;
  });
  return current;
}

/** Answers every question with the first matching entry of `answers` (by question id); counts the questions asked. */
export function interview(
  ctx: InterviewContext,
  answers: Readonly<Record<string, string>>,
  name = 'workload',
): { state: InterviewState; asked: string[] } {
  let state = begin(name);
  const asked: string[] = [];
  for (let guard = 0; guard < 100; guard++) {
    const question = currentQuestion(ctx, state);
    if (!question) return { state, asked };
    asked.push(question.id);
    const answer = answers[question.id];
    if (answer === undefined) throw new Error(`no scripted answer for ${question.id} (asked so far: ${asked.join(', ')})`);
    const outcome = answerCurrent(ctx, state, answer);
    if (outcome.kind !== 'accepted')
      throw new Error(
        `${question.id} did not accept ${JSON.stringify(answer)}: ${outcome.kind} ${'message' in outcome ? outcome.message : ''}`,
      );
    state = outcome.state;
  }
  throw new Error('interview did not finish');
}

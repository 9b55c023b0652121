import type Database from 'better-sqlite3';
import { fromJson, fromNullableJson, toJson } from './json.js';

export type AnswerAction = 'answer' | 'change' | 'skip' | 'clear';

export interface Answer {
  reviewId: string;
  questionId: string;
  /** null means skipped. */
  value: unknown;
  answeredBy: string;
  answeredAt: number;
}

export interface AnswerHistoryEntry {
  id: number;
  reviewId: string;
  questionId: string;
  /** The value set; null for a skip, undefined for a clear. */
  value: unknown;
  /** The value replaced; undefined when there was none, null when it had been skipped. */
  previousValue: unknown;
  action: AnswerAction;
  actor: string;
  at: number;
}

export interface SetAnswerResult {
  /** What was recorded; null when the value equals the current one (nothing written, e.g. a double click). */
  action: Exclude<AnswerAction, 'clear'> | null;
  /** The value replaced; undefined when there was none. */
  previousValue: unknown;
}

export interface AppliedChanges {
  set: Record<string, SetAnswerResult>;
  /** The question ids that had an answer and were cleared. */
  cleared: string[];
}

interface AnswerRow {
  review_id: string;
  question_id: string;
  value_json: string;
  answered_by: string;
  answered_at: number;
}

interface HistoryRow {
  id: number;
  review_id: string;
  question_id: string;
  value_json: string | null;
  previous_value_json: string | null;
  action: AnswerAction;
  actor: string;
  at: number;
}

/** Current answers plus an append-only history; every write updates both in one transaction. */
export class AnswerRepository {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private readonly appendHistory;
  private readonly selectHistory;
  private readonly setTx;
  private readonly clearTx;
  private readonly applyTx;

  constructor(private readonly db: Database.Database) {
    this.selectAll = db.prepare('SELECT * FROM answers WHERE review_id = ? ORDER BY answered_at, question_id');
    this.selectOne = db.prepare('SELECT value_json FROM answers WHERE review_id = ? AND question_id = ?').pluck();
    this.upsert = db.prepare(
      `INSERT INTO answers (review_id, question_id, value_json, answered_by, answered_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (review_id, question_id) DO UPDATE SET
         value_json = excluded.value_json, answered_by = excluded.answered_by, answered_at = excluded.answered_at`,
    );
    this.remove = db.prepare('DELETE FROM answers WHERE review_id = ? AND question_id = ?');
    this.appendHistory = db.prepare(
      `INSERT INTO answer_history (review_id, question_id, value_json, previous_value_json, action, actor, at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectHistory = db.prepare('SELECT * FROM answer_history WHERE review_id = ? ORDER BY id');

    this.setTx = db.transaction((reviewId: string, questionId: string, value: unknown, actor: string, at: number, action?: SetAction) =>
      this.write(reviewId, questionId, value, actor, at, action),
    );
    this.clearTx = db.transaction((reviewId: string, questionIds: readonly string[], actor: string, at: number) =>
      this.erase(reviewId, questionIds, actor, at),
    );
    this.applyTx = db.transaction((reviewId: string, sets: Record<string, unknown>, clears: readonly string[], actor: string, at: number) =>
      this.apply(reviewId, sets, clears, actor, at),
    );
  }

  /** The current answers by question id (null = skipped). */
  current(reviewId: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const row of this.selectAll.all(reviewId) as AnswerRow[]) result[row.question_id] = fromJson(row.value_json);
    return result;
  }

  /** The current answers with who gave them and when, oldest first. */
  list(reviewId: string): Answer[] {
    return (this.selectAll.all(reviewId) as AnswerRow[]).map((row) => ({
      reviewId: row.review_id,
      questionId: row.question_id,
      value: fromJson(row.value_json),
      answeredBy: row.answered_by,
      answeredAt: row.answered_at,
    }));
  }

  /**
   * Stores an answer (null = skip) and its history row. The action defaults to 'skip' for null, 'change' when the
   * question already had an answer, else 'answer'. Setting the value it already has writes nothing.
   */
  set(reviewId: string, questionId: string, value: unknown, actor: string, at: number, action?: SetAction): SetAnswerResult {
    return this.setTx(reviewId, questionId, value, actor, at, action);
  }

  /** Removes the current answers of these questions (history action 'clear'). Returns the ids that had one. */
  clear(reviewId: string, questionIds: readonly string[], actor: string, at: number): string[] {
    return this.clearTx(reviewId, questionIds, actor, at);
  }

  /**
   * Clears, then sets, all in one transaction (e.g. an edited answer that makes later questions irrelevant).
   * Inside the caller's transaction it writes in that one, without a savepoint of its own: a throw rolls back with
   * the caller's transaction (callers do not catch and carry on), and every answer costs two statements less.
   */
  applyChanges(reviewId: string, sets: Record<string, unknown>, clears: readonly string[], actor: string, at: number): AppliedChanges {
    return this.db.inTransaction ? this.apply(reviewId, sets, clears, actor, at) : this.applyTx(reviewId, sets, clears, actor, at);
  }

  history(reviewId: string): AnswerHistoryEntry[] {
    return (this.selectHistory.all(reviewId) as HistoryRow[]).map((row) => ({
      id: row.id,
      reviewId: row.review_id,
      questionId: row.question_id,
      value: fromNullableJson(row.value_json),
      previousValue: fromNullableJson(row.previous_value_json),
      action: row.action,
      actor: row.actor,
      at: row.at,
    }));
  }

  private apply(reviewId: string, sets: Record<string, unknown>, clears: readonly string[], actor: string, at: number): AppliedChanges {
    const cleared = this.erase(reviewId, clears, actor, at);
    const set: Record<string, SetAnswerResult> = {};
    for (const [questionId, value] of Object.entries(sets)) {
      set[questionId] = this.write(reviewId, questionId, value, actor, at);
    }
    return { set, cleared };
  }

  private write(reviewId: string, questionId: string, value: unknown, actor: string, at: number, action?: SetAction): SetAnswerResult {
    const json = toJson(value);
    const previous = this.selectOne.get(reviewId, questionId) as string | undefined;
    const previousValue = previous === undefined ? undefined : fromJson(previous);
    if (previous === json) return { action: null, previousValue };
    const recorded = action ?? (value === null ? 'skip' : previous === undefined ? 'answer' : 'change');
    this.upsert.run(reviewId, questionId, json, actor, at);
    this.appendHistory.run(reviewId, questionId, json, previous ?? null, recorded, actor, at);
    return { action: recorded, previousValue };
  }

  private erase(reviewId: string, questionIds: readonly string[], actor: string, at: number): string[] {
    const cleared: string[] = [];
    for (const questionId of questionIds) {
      const previous = this.selectOne.get(reviewId, questionId) as string | undefined;
      if (previous === undefined) continue;
      this.remove.run(reviewId, questionId);
      this.appendHistory.run(reviewId, questionId, null, previous, 'clear', actor, at);
      cleared.push(questionId);
    }
    return cleared;
  }
}

type SetAction = Exclude<AnswerAction, 'clear'>;

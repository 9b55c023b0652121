import type { Selectable } from 'kysely';
import { fromJson, fromNullableJson, toJson } from './json.js';
import type { AnswersTable } from './schema.js';
import type { SqlDatabase } from './sql-database.js';

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
  constructor(private readonly db: SqlDatabase) {}

  private get q() {
    return this.db.q;
  }

  private selectAll(reviewId: string): Promise<Selectable<AnswersTable>[]> {
    return this.q
      .selectFrom('answers')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('answered_at')
      .orderBy('question_id')
      .execute();
  }

  /** The current answers by question id (null = skipped). */
  async current(reviewId: string): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const row of await this.selectAll(reviewId)) result[row.question_id] = fromJson(row.value_json);
    return result;
  }

  /** The current answers with who gave them and when, oldest first. */
  async list(reviewId: string): Promise<Answer[]> {
    return (await this.selectAll(reviewId)).map((row) => ({
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
  set(reviewId: string, questionId: string, value: unknown, actor: string, at: number, action?: SetAction): Promise<SetAnswerResult> {
    return this.db.transaction(() => this.write(reviewId, questionId, value, actor, at, action));
  }

  /** Removes the current answers of these questions (history action 'clear'). Returns the ids that had one. */
  clear(reviewId: string, questionIds: readonly string[], actor: string, at: number): Promise<string[]> {
    return this.db.transaction(() => this.erase(reviewId, questionIds, actor, at));
  }

  /** Clears, then sets, all in one transaction (the caller's, when there is one). */
  applyChanges(
    reviewId: string,
    sets: Record<string, unknown>,
    clears: readonly string[],
    actor: string,
    at: number,
  ): Promise<AppliedChanges> {
    return this.db.transaction(async () => {
      const cleared = await this.erase(reviewId, clears, actor, at);
      const set: Record<string, SetAnswerResult> = {};
      for (const [questionId, value] of Object.entries(sets)) set[questionId] = await this.write(reviewId, questionId, value, actor, at);
      return { set, cleared };
    });
  }

  async history(reviewId: string): Promise<AnswerHistoryEntry[]> {
    const rows = await this.q.selectFrom('answer_history').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
    return (rows as HistoryRow[]).map((row) => ({
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

  private async selectOne(reviewId: string, questionId: string): Promise<string | undefined> {
    const row = await this.q
      .selectFrom('answers')
      .select('value_json')
      .where('review_id', '=', reviewId)
      .where('question_id', '=', questionId)
      .executeTakeFirst();
    return row?.value_json;
  }

  private async appendHistory(row: Omit<HistoryRow, 'id'>): Promise<void> {
    await this.q.insertInto('answer_history').values(row).execute();
  }

  private async write(
    reviewId: string,
    questionId: string,
    value: unknown,
    actor: string,
    at: number,
    action?: SetAction,
  ): Promise<SetAnswerResult> {
    const json = toJson(value);
    const previous = await this.selectOne(reviewId, questionId);
    const previousValue = previous === undefined ? undefined : fromJson(previous);
    if (previous === json) return { action: null, previousValue };
    const recorded = action ?? (value === null ? 'skip' : previous === undefined ? 'answer' : 'change');
    await this.q
      .insertInto('answers')
      .values({ review_id: reviewId, question_id: questionId, value_json: json, answered_by: actor, answered_at: at })
      .onConflict((oc) => oc.columns(['review_id', 'question_id']).doUpdateSet({ value_json: json, answered_by: actor, answered_at: at }))
      .execute();
    await this.appendHistory({
      review_id: reviewId,
      question_id: questionId,
      value_json: json,
      previous_value_json: previous ?? null,
      action: recorded,
      actor,
      at,
    });
    return { action: recorded, previousValue };
  }

  private async erase(reviewId: string, questionIds: readonly string[], actor: string, at: number): Promise<string[]> {
    const cleared: string[] = [];
    for (const questionId of questionIds) {
      const previous = await this.selectOne(reviewId, questionId);
      if (previous === undefined) continue;
      await this.q.deleteFrom('answers').where('review_id', '=', reviewId).where('question_id', '=', questionId).execute();
      await this.appendHistory({
        review_id: reviewId,
        question_id: questionId,
        value_json: null,
        previous_value_json: previous,
        action: 'clear',
        actor,
        at,
      });
      cleared.push(questionId);
    }
    return cleared;
  }
}

type SetAction = Exclude<AnswerAction, 'clear'>;

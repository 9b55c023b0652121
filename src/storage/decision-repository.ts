import type { Selectable } from 'kysely';
import type { DecisionsTable } from './schema.js';
import type { SqlDatabase } from './sql-database.js';

export interface Decision {
  id: number;
  reviewId: string;
  chosenModel: string;
  /** The chosen model had a caution or unsuitable verdict in the latest recommendation. */
  againstAdvice: boolean;
  decidedBy: string;
  note: string | null;
  createdAt: number;
}

export interface NewDecision {
  reviewId: string;
  chosenModel: string;
  againstAdvice: boolean;
  decidedBy: string;
  note?: string | null;
  at: number;
}

function toDecision(row: Selectable<DecisionsTable>): Decision {
  return {
    id: row.id,
    reviewId: row.review_id,
    chosenModel: row.chosen_model,
    againstAdvice: row.against_advice === 1,
    decidedBy: row.decided_by,
    note: row.note,
    createdAt: row.created_at,
  };
}

/** Decisions taken against a review; a later decision supersedes an earlier one. */
export class DecisionRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Returns the new decision's id. */
  async record(decision: NewDecision): Promise<number> {
    const { reviewId, chosenModel, againstAdvice, decidedBy, note, at } = decision;
    const row = await this.db.q
      .insertInto('decisions')
      .values({
        review_id: reviewId,
        chosen_model: chosenModel,
        against_advice: againstAdvice ? 1 : 0,
        decided_by: decidedBy,
        note: note ?? null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async latest(reviewId: string): Promise<Decision | undefined> {
    const row = await this.db.q
      .selectFrom('decisions')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toDecision(row);
  }

  /** The latest decision of each of these reviews that has one, in one query. */
  async latestForReviews(reviewIds: readonly string[]): Promise<Map<string, Decision>> {
    if (reviewIds.length === 0) return new Map();
    const rows = await this.db.q
      .selectFrom('decisions as d')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('decisions')
            .select(['review_id', (e) => e.fn.max('id').as('id')])
            .where('review_id', 'in', [...new Set(reviewIds)])
            .groupBy('review_id')
            .as('latest'),
        (join) => join.onRef('latest.id', '=', 'd.id'),
      )
      .selectAll('d')
      .execute();
    return new Map(rows.map((row) => [row.review_id, toDecision(row)]));
  }

  /** Oldest first. */
  async list(reviewId: string): Promise<Decision[]> {
    return (await this.db.q.selectFrom('decisions').selectAll().where('review_id', '=', reviewId).orderBy('id').execute()).map(toDecision);
  }
}

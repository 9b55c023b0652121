import type { Selectable } from 'kysely';
import type { RecommendationsTable } from './schema.js';
import type { SqlDatabase } from './sql-database.js';
import { fromJson, toJson } from './json.js';

export interface StoredRecommendation {
  id: number;
  reviewId: string;
  rulesVersion: string;
  /** The recommended model id. */
  recommended: string;
  /** The whole result as given to save(), parsed back; callers validate its shape. */
  result: unknown;
  createdAt: number;
}

function toRecommendation(row: Selectable<RecommendationsTable>): StoredRecommendation {
  return {
    id: row.id,
    reviewId: row.review_id,
    rulesVersion: row.rules_version,
    recommended: row.recommended,
    result: fromJson(row.result_json),
    createdAt: row.created_at,
  };
}

/** Every recommendation computed for a review; re-evaluations append, the latest one counts. */
export class RecommendationRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores the result (any JSON-serialisable value, e.g. the core's Recommendation). Returns the new id. */
  async save(reviewId: string, rulesVersion: string, recommended: string, result: unknown, at: number): Promise<number> {
    const row = await this.db.q
      .insertInto('recommendations')
      .values({ review_id: reviewId, rules_version: rulesVersion, recommended, result_json: toJson(result), created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async latest(reviewId: string): Promise<StoredRecommendation | undefined> {
    const row = await this.db.q
      .selectFrom('recommendations')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && toRecommendation(row);
  }

  /** The latest recommendation of each review that has one, keyed by review id. */
  async listForReviews(reviewIds: readonly string[]): Promise<Map<string, StoredRecommendation>> {
    if (reviewIds.length === 0) return new Map();
    const rows = await this.db.q
      .selectFrom('recommendations as r')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('recommendations')
            .select(['review_id', (e) => e.fn.max('id').as('id')])
            .where('review_id', 'in', [...new Set(reviewIds)])
            .groupBy('review_id')
            .as('latest'),
        (join) => join.onRef('latest.id', '=', 'r.id'),
      )
      .selectAll('r')
      .execute();
    return new Map(rows.map((row) => [row.review_id, toRecommendation(row)]));
  }
}

import type Database from 'better-sqlite3';
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

interface RecommendationRow {
  id: number;
  review_id: string;
  rules_version: string;
  recommended: string;
  result_json: string;
  created_at: number;
}

function toRecommendation(row: RecommendationRow): StoredRecommendation {
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
  private readonly insert;
  private readonly selectLatest;
  private readonly selectLatestFor;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO recommendations (review_id, rules_version, recommended, result_json, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.selectLatest = db.prepare('SELECT * FROM recommendations WHERE review_id = ? ORDER BY id DESC LIMIT 1');
    // The ids arrive as one JSON array so a single prepared statement serves any number of reviews.
    this.selectLatestFor = db.prepare(
      `SELECT r.* FROM recommendations r
       JOIN (SELECT review_id, MAX(id) AS id FROM recommendations
             WHERE review_id IN (SELECT value FROM json_each(?)) GROUP BY review_id) latest ON latest.id = r.id`,
    );
  }

  /** Stores the result (any JSON-serialisable value, e.g. the core's Recommendation). Returns the new id. */
  save(reviewId: string, rulesVersion: string, recommended: string, result: unknown, at: number): number {
    return Number(this.insert.run(reviewId, rulesVersion, recommended, toJson(result), at).lastInsertRowid);
  }

  latest(reviewId: string): StoredRecommendation | undefined {
    const row = this.selectLatest.get(reviewId) as RecommendationRow | undefined;
    return row && toRecommendation(row);
  }

  /** The latest recommendation of each review that has one, keyed by review id. */
  listForReviews(reviewIds: readonly string[]): Map<string, StoredRecommendation> {
    const rows = this.selectLatestFor.all(JSON.stringify(reviewIds)) as RecommendationRow[];
    return new Map(rows.map((row) => [row.review_id, toRecommendation(row)]));
  }
}

import type Database from 'better-sqlite3';

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

interface DecisionRow {
  id: number;
  review_id: string;
  chosen_model: string;
  against_advice: number;
  decided_by: string;
  note: string | null;
  created_at: number;
}

function toDecision(row: DecisionRow): Decision {
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
  private readonly insert;
  private readonly selectLatest;
  private readonly selectAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO decisions (review_id, chosen_model, against_advice, decided_by, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.selectLatest = db.prepare('SELECT * FROM decisions WHERE review_id = ? ORDER BY id DESC LIMIT 1');
    this.selectAll = db.prepare('SELECT * FROM decisions WHERE review_id = ? ORDER BY id');
  }

  /** Returns the new decision's id. */
  record(decision: NewDecision): number {
    const { reviewId, chosenModel, againstAdvice, decidedBy, note, at } = decision;
    return Number(this.insert.run(reviewId, chosenModel, againstAdvice ? 1 : 0, decidedBy, note ?? null, at).lastInsertRowid);
  }

  latest(reviewId: string): Decision | undefined {
    const row = this.selectLatest.get(reviewId) as DecisionRow | undefined;
    return row && toDecision(row);
  }

  /** Oldest first. */
  list(reviewId: string): Decision[] {
    return (this.selectAll.all(reviewId) as DecisionRow[]).map(toDecision);
  }
}

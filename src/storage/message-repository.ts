import type Database from 'better-sqlite3';

export type MessageKind = 'parent' | 'question' | 'card' | 'notice';

export interface ReviewMessage {
  reviewId: string;
  kind: MessageKind;
  /** '' for messages that are not about one question. */
  questionId: string;
  /** Slack ts or Teams activity id. */
  messageRef: string;
  createdAt: number;
}

interface MessageRow {
  review_id: string;
  kind: MessageKind;
  question_id: string;
  message_ref: string;
  created_at: number;
}

function toMessage(row: MessageRow): ReviewMessage {
  return {
    reviewId: row.review_id,
    kind: row.kind,
    questionId: row.question_id,
    messageRef: row.message_ref,
    createdAt: row.created_at,
  };
}

/** The messages posted for a review, so they can be updated in place later. One per (kind, question). */
export class MessageRepository {
  private readonly upsert;
  private readonly selectOne;
  private readonly selectAll;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO review_messages (review_id, kind, question_id, message_ref, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (review_id, kind, question_id) DO UPDATE SET
         message_ref = excluded.message_ref, created_at = excluded.created_at`,
    );
    this.selectOne = db.prepare('SELECT * FROM review_messages WHERE review_id = ? AND kind = ? AND question_id = ?');
    this.selectAll = db.prepare('SELECT * FROM review_messages WHERE review_id = ? ORDER BY created_at, kind, question_id');
  }

  /** Stores (or replaces) the message of this kind and question. */
  save(reviewId: string, kind: MessageKind, questionId: string, messageRef: string, at: number): void {
    this.upsert.run(reviewId, kind, questionId, messageRef, at);
  }

  get(reviewId: string, kind: MessageKind, questionId = ''): ReviewMessage | undefined {
    const row = this.selectOne.get(reviewId, kind, questionId) as MessageRow | undefined;
    return row && toMessage(row);
  }

  list(reviewId: string): ReviewMessage[] {
    return (this.selectAll.all(reviewId) as MessageRow[]).map(toMessage);
  }
}

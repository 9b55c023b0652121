import type { SqlDatabase } from './sql-database.js';

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
  constructor(private readonly db: SqlDatabase) {}

  /** Stores (or replaces) the message of this kind and question. */
  async save(reviewId: string, kind: MessageKind, questionId: string, messageRef: string, at: number): Promise<void> {
    await this.db.q
      .insertInto('review_messages')
      .values({ review_id: reviewId, kind, question_id: questionId, message_ref: messageRef, created_at: at })
      .onConflict((oc) => oc.columns(['review_id', 'kind', 'question_id']).doUpdateSet({ message_ref: messageRef, created_at: at }))
      .execute();
  }

  async get(reviewId: string, kind: MessageKind, questionId = ''): Promise<ReviewMessage | undefined> {
    const row = await this.db.q
      .selectFrom('review_messages')
      .selectAll()
      .where('review_id', '=', reviewId)
      .where('kind', '=', kind)
      .where('question_id', '=', questionId)
      .executeTakeFirst();
    return row && toMessage(row as MessageRow);
  }

  async list(reviewId: string): Promise<ReviewMessage[]> {
    const rows = await this.db.q
      .selectFrom('review_messages')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('created_at')
      .orderBy('kind')
      .orderBy('question_id')
      .execute();
    return (rows as MessageRow[]).map(toMessage);
  }
}

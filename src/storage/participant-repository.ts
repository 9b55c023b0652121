import { changed } from './results.js';
import type { SqlDatabase } from './sql-database.js';

export type ParticipantRole = 'requester' | 'participant';

export interface Participant {
  reviewId: string;
  userId: string;
  role: ParticipantRole;
  addedBy: string;
  addedAt: number;
}

interface ParticipantRow {
  review_id: string;
  user_id: string;
  role: ParticipantRole;
  added_by: string;
  added_at: number;
}

/** Who may answer a review. The requester is added by ReviewRepository.create. */
export class ParticipantRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Adds a participant; returns false if they already were one (their role is kept). */
  async add(reviewId: string, userId: string, addedBy: string, at: number, role: ParticipantRole = 'participant'): Promise<boolean> {
    const result = await this.db.q
      .insertInto('participants')
      .values({ review_id: reviewId, user_id: userId, role, added_by: addedBy, added_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return changed(result);
  }

  async isParticipant(reviewId: string, userId: string): Promise<boolean> {
    const row = await this.db.q
      .selectFrom('participants')
      .select('user_id')
      .where('review_id', '=', reviewId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async list(reviewId: string): Promise<Participant[]> {
    const rows = (await this.db.q
      .selectFrom('participants')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('added_at')
      .orderBy('user_id')
      .execute()) as ParticipantRow[];
    return rows.map((row) => ({
      reviewId: row.review_id,
      userId: row.user_id,
      role: row.role,
      addedBy: row.added_by,
      addedAt: row.added_at,
    }));
  }
}

import type Database from 'better-sqlite3';

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
  private readonly insert;
  private readonly exists;
  private readonly selectAll;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO participants (review_id, user_id, role, added_by, added_at) VALUES (?, ?, ?, ?, ?)');
    this.exists = db.prepare('SELECT 1 FROM participants WHERE review_id = ? AND user_id = ?').pluck();
    this.selectAll = db.prepare('SELECT * FROM participants WHERE review_id = ? ORDER BY added_at, user_id');
  }

  /** Adds a participant; returns false if they already were one (their role is kept). */
  add(reviewId: string, userId: string, addedBy: string, at: number, role: ParticipantRole = 'participant'): boolean {
    return this.insert.run(reviewId, userId, role, addedBy, at).changes > 0;
  }

  isParticipant(reviewId: string, userId: string): boolean {
    return this.exists.get(reviewId, userId) !== undefined;
  }

  list(reviewId: string): Participant[] {
    return (this.selectAll.all(reviewId) as ParticipantRow[]).map((row) => ({
      reviewId: row.review_id,
      userId: row.user_id,
      role: row.role,
      addedBy: row.added_by,
      addedAt: row.added_at,
    }));
  }
}

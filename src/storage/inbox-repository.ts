import type Database from 'better-sqlite3';

export type InboxPlatform = 'slack' | 'teams';

/** A stored request, as a process takes it to work on. */
export interface InboxRow {
  id: number;
  platform: InboxPlatform;
  body: unknown;
  receivedAt: number;
  attempts: number;
}

interface Row {
  id: number;
  platform: InboxPlatform;
  body_json: string;
  received_at: number;
  attempts: number;
}

/**
 * Requests acknowledged to a platform, kept until their work is done. Writes are single statements (the caller's
 * transaction, if any, holds them together with a delivery key).
 */
export class InboxRepository {
  private readonly insert;
  private readonly selectBody;
  private readonly remove;
  private readonly renewAll;
  private readonly selectTakeable;
  private readonly take;
  private readonly defer;
  private readonly releaseAll;
  private readonly countPending;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO inbox (platform, body_json, received_at, owner, lease_until) VALUES (@platform, @body, @at, @owner, @leaseUntil)`,
    );
    this.selectBody = db.prepare('SELECT id, platform, body_json, received_at, attempts FROM inbox WHERE id = ?');
    this.remove = db.prepare('DELETE FROM inbox WHERE id = ?');
    this.renewAll = db.prepare('UPDATE inbox SET lease_until = @until WHERE owner = @owner AND lease_until > 0');
    this.selectTakeable = db.prepare(
      `SELECT id FROM inbox WHERE platform = @platform AND lease_until <= @now AND not_before <= @now ORDER BY id LIMIT @limit`,
    );
    // conditional on the lease still being lapsed: of two processes taking a row, one wins
    this.take = db.prepare(
      `UPDATE inbox SET owner = @owner, lease_until = @until, attempts = attempts + 1
       WHERE id = @id AND lease_until <= @now AND not_before <= @now`,
    );
    this.defer = db.prepare('UPDATE inbox SET owner = NULL, lease_until = 0, not_before = @notBefore WHERE id = @id');
    this.releaseAll = db.prepare('UPDATE inbox SET owner = NULL, lease_until = 0 WHERE owner = ?');
    this.countPending = db.prepare('SELECT count(*) FROM inbox WHERE platform = ?').pluck();
  }

  /** Stores a request owned by `owner` until `leaseUntil` (0: nobody owns it yet, any process may take it). */
  add(platform: InboxPlatform, body: unknown, at: number, owner: string | null, leaseUntil: number): number {
    return Number(this.insert.run({ platform, body: JSON.stringify(body), at, owner, leaseUntil }).lastInsertRowid);
  }

  get(id: number): InboxRow | undefined {
    const row = this.selectBody.get(id) as Row | undefined;
    return (
      row && { id: row.id, platform: row.platform, body: JSON.parse(row.body_json), receivedAt: row.received_at, attempts: row.attempts }
    );
  }

  /** The work is done (or given up): the row goes. */
  delete(id: number): void {
    this.remove.run(id);
  }

  /** Extends every lease `owner` holds. */
  renew(owner: string, until: number): void {
    this.renewAll.run({ owner, until });
  }

  /** Ids of rows nobody holds (lease lapsed or released) that may be taken now, oldest first. */
  takeable(platform: InboxPlatform, now: number, limit: number): number[] {
    return this.selectTakeable.all({ platform, now, limit }).map((r) => (r as { id: number }).id);
  }

  /** Takes a row for `owner`; true for exactly one caller. */
  tryTake(id: number, owner: string, now: number, until: number): boolean {
    return this.take.run({ id, owner, now, until }).changes > 0;
  }

  /** Gives the row up until `notBefore`, for whichever process is free then. */
  postpone(id: number, notBefore: number): void {
    this.defer.run({ id, notBefore });
  }

  /** Gives up every row `owner` holds, for the next process to take at once. */
  release(owner: string): void {
    this.releaseAll.run(owner);
  }

  pending(platform: InboxPlatform): number {
    return this.countPending.get(platform) as number;
  }
}

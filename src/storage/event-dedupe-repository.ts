import type Database from 'better-sqlite3';
import type { Platform } from './review-repository.js';

/** Inbound event ids already handled (Slack event_id, Teams activity id). Mark only after the work succeeded. */
export class EventDedupeRepository {
  private readonly exists;
  private readonly insert;
  private readonly deleteOlder;

  constructor(db: Database.Database) {
    this.exists = db.prepare('SELECT 1 FROM processed_events WHERE event_key = ?').pluck();
    this.insert = db.prepare('INSERT OR IGNORE INTO processed_events (event_key, platform, processed_at) VALUES (?, ?, ?)');
    this.deleteOlder = db.prepare('DELETE FROM processed_events WHERE processed_at < ?');
  }

  hasProcessed(key: string): boolean {
    return this.exists.get(key) !== undefined;
  }

  /** True if this call recorded the key, false if it was already there. */
  markProcessed(key: string, platform: Platform, at: number): boolean {
    return this.insert.run(key, platform, at).changes > 0;
  }

  /** Deletes keys processed before olderThan (epoch ms). Returns how many. */
  prune(olderThan: number): number {
    return this.deleteOlder.run(olderThan).changes;
  }
}

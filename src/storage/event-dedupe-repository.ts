import { affected, changed } from './results.js';
import type { SqlDatabase } from './sql-database.js';
import type { Platform } from './review-repository.js';

/** Inbound event ids already handled (Slack event_id, Teams activity id). Mark only after the work succeeded. */
export class EventDedupeRepository {
  constructor(private readonly db: SqlDatabase) {}

  async hasProcessed(key: string): Promise<boolean> {
    const row = await this.db.q.selectFrom('processed_events').select('event_key').where('event_key', '=', key).executeTakeFirst();
    return row !== undefined;
  }

  /** True if this call recorded the key, false if it was already there (INSERT ... ON CONFLICT DO NOTHING). */
  async markProcessed(key: string, platform: Platform, at: number): Promise<boolean> {
    const result = await this.db.q
      .insertInto('processed_events')
      .values({ event_key: key, platform, processed_at: at })
      .onConflict((oc) => oc.column('event_key').doNothing())
      .executeTakeFirst();
    return changed(result);
  }

  /** Deletes keys processed before olderThan (epoch ms). Returns how many. */
  async prune(olderThan: number): Promise<number> {
    return affected(await this.db.q.deleteFrom('processed_events').where('processed_at', '<', olderThan).executeTakeFirst());
  }
}

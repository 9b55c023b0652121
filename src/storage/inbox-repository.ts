import { fromJson, toJson } from './json.js';
import { changed } from './results.js';
import type { SqlDatabase } from './sql-database.js';

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
 * transaction, if any, holds them together with a delivery key); taking a row is a conditional UPDATE, so of several
 * instances one wins it.
 */
export class InboxRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores a request owned by `owner` until `leaseUntil` (0: nobody owns it yet, any process may take it). */
  async add(platform: InboxPlatform, body: unknown, at: number, owner: string | null, leaseUntil: number): Promise<number> {
    const row = await this.db.q
      .insertInto('inbox')
      .values({ platform, body_json: toJson(body), received_at: at, owner, lease_until: leaseUntil })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async get(id: number): Promise<InboxRow | undefined> {
    const row = (await this.db.q
      .selectFrom('inbox')
      .select(['id', 'platform', 'body_json', 'received_at', 'attempts'])
      .where('id', '=', id)
      .executeTakeFirst()) as Row | undefined;
    return (
      row && { id: row.id, platform: row.platform, body: fromJson(row.body_json), receivedAt: row.received_at, attempts: row.attempts }
    );
  }

  /** The work is done (or given up): the row goes. */
  async delete(id: number): Promise<void> {
    await this.db.q.deleteFrom('inbox').where('id', '=', id).execute();
  }

  /** Extends every lease `owner` holds. */
  async renew(owner: string, until: number): Promise<void> {
    await this.db.q.updateTable('inbox').set({ lease_until: until }).where('owner', '=', owner).where('lease_until', '>', 0).execute();
  }

  /** Ids of rows nobody holds (lease lapsed or released) that may be taken now, oldest first. */
  async takeable(platform: InboxPlatform, now: number, limit: number): Promise<number[]> {
    const rows = await this.db.q
      .selectFrom('inbox')
      .select('id')
      .where('platform', '=', platform)
      .where('lease_until', '<=', now)
      .where('not_before', '<=', now)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** Takes a row for `owner`; true for exactly one caller (conditional on the lease still being lapsed). */
  async tryTake(id: number, owner: string, now: number, until: number): Promise<boolean> {
    const result = await this.db.q
      .updateTable('inbox')
      .set((eb) => ({ owner, lease_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('lease_until', '<=', now)
      .where('not_before', '<=', now)
      .executeTakeFirst();
    return changed(result);
  }

  /** Gives the row up until `notBefore`, for whichever process is free then. */
  async postpone(id: number, notBefore: number): Promise<void> {
    await this.db.q.updateTable('inbox').set({ owner: null, lease_until: 0, not_before: notBefore }).where('id', '=', id).execute();
  }

  /** Gives up every row `owner` holds, for the next process to take at once. */
  async release(owner: string): Promise<void> {
    await this.db.q.updateTable('inbox').set({ owner: null, lease_until: 0 }).where('owner', '=', owner).execute();
  }

  async pending(platform: InboxPlatform): Promise<number> {
    const row = await this.db.q
      .selectFrom('inbox')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('platform', '=', platform)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

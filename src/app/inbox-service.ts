import type { InboxPlatform, InboxRow, Store } from '../storage/index.js';
import type { Clock } from './clock.js';

/** What happened to a request offered to the inbox. */
export type InboxAccept = { kind: 'accepted'; id: number } | { kind: 'duplicate' } | { kind: 'full' };

/** More stored requests than this (per platform) and new ones are refused: the platform is asked to retry later. */
const DEFAULT_MAX_PENDING = 50_000;

/**
 * Every write here holds its own guarantee (the delivery key's ON CONFLICT DO NOTHING, a take's conditional UPDATE),
 * and the pending count is a soft bound: READ COMMITTED on PostgreSQL, where SERIALIZABLE would make concurrent
 * acknowledgements collide on the count for nothing.
 */
const INBOX_TRANSACTION = { isolation: 'read_committed' } as const;

/**
 * Requests a platform was told were received, kept in the database until their work is done: recorded before the
 * acknowledgement, taken by one process at a time under a lease, deleted when done. The app layer's only inbox writer.
 */
export class InboxService {
  private readonly maxPending: number;

  constructor(private readonly deps: { store: Store; clock: Clock; maxPending?: number }) {
    this.maxPending = deps.maxPending ?? DEFAULT_MAX_PENDING;
  }

  /**
   * Records a request owned by `owner` for `leaseMs` (owner null: for whichever process takes it). With a
   * `deliveryKey` (a Slack command's trigger id) a delivery seen before is a duplicate, recorded in the same
   * transaction so two copies racing store one.
   */
  accept(
    platform: InboxPlatform,
    body: unknown,
    options: { owner: string | null; leaseMs: number; deliveryKey?: string | undefined },
  ): Promise<InboxAccept> {
    const { store, clock } = this.deps;
    return store.transaction(async (): Promise<InboxAccept> => {
      if ((await store.inbox.pending(platform)) >= this.maxPending) return { kind: 'full' };
      const at = clock.now();
      if (options.deliveryKey !== undefined && !(await store.events.markProcessed(options.deliveryKey, platform, at))) {
        return { kind: 'duplicate' };
      }
      const id = await store.inbox.add(platform, body, at, options.owner, options.owner === null ? 0 : at + options.leaseMs);
      return { kind: 'accepted', id };
    }, INBOX_TRANSACTION);
  }

  load(id: number): Promise<InboxRow | undefined> {
    return this.deps.store.inbox.get(id);
  }

  done(id: number): Promise<void> {
    return this.deps.store.transaction(() => this.deps.store.inbox.delete(id), INBOX_TRANSACTION);
  }

  /** Takes up to `limit` rows nobody holds (oldest first) for `owner`. */
  async take(platform: InboxPlatform, owner: string, leaseMs: number, limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    const { store, clock } = this.deps;
    return store.transaction(async () => {
      const now = clock.now();
      const taken: number[] = [];
      for (const id of await store.inbox.takeable(platform, now, limit)) {
        if (await store.inbox.tryTake(id, owner, now, now + leaseMs)) taken.push(id);
      }
      return taken;
    }, INBOX_TRANSACTION);
  }

  renew(owner: string, leaseMs: number): Promise<void> {
    const { store, clock } = this.deps;
    return store.transaction(() => store.inbox.renew(owner, clock.now() + leaseMs), INBOX_TRANSACTION);
  }

  /** Leaves the row for any process, not before `delayMs` from now. */
  postpone(id: number, delayMs: number): Promise<void> {
    const { store, clock } = this.deps;
    return store.transaction(() => store.inbox.postpone(id, clock.now() + delayMs), INBOX_TRANSACTION);
  }

  release(owner: string): Promise<void> {
    return this.deps.store.transaction(() => this.deps.store.inbox.release(owner), INBOX_TRANSACTION);
  }

  pending(platform: InboxPlatform): Promise<number> {
    return this.deps.store.inbox.pending(platform);
  }
}

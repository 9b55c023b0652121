import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, RawBuilder } from 'kysely';
import { sql } from './kysely.js';
import type pg from 'pg';
import type { Schema } from './schema.js';

export type Engine = { kind: 'sqlite'; handle: BetterSqlite3.Database } | { kind: 'postgres'; pool: pg.Pool };

/** SQLSTATEs after which PostgreSQL asks for the whole transaction to be run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_TRANSACTION_ATTEMPTS = 12;

/**
 * One database, either engine, behind one Kysely query builder. Repositories call `q` for their executor: inside
 * `transaction` it is that transaction's connection (carried by AsyncLocalStorage, so nested calls join it),
 * elsewhere the pool.
 */
export class SqlDatabase {
  private readonly scope = new AsyncLocalStorage<Kysely<Schema>>();

  constructor(
    readonly engine: Engine,
    private readonly root: Kysely<Schema>,
    /** Where the data is, without secrets: a path or a URL without its password. */
    readonly description: string,
    /** What close() does instead of destroying the query builder (a connection shared with other users). */
    private readonly release?: () => Promise<void>,
  ) {}

  get dialect(): Engine['kind'] {
    return this.engine.kind;
  }

  get q(): Kysely<Schema> {
    return this.scope.getStore() ?? this.root;
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /** The column that orders reviews by insertion: SQLite's rowid, PostgreSQL's identity column. */
  reviewOrder(alias?: string): RawBuilder<number> {
    const column = this.engine.kind === 'sqlite' ? 'rowid' : 'seq';
    return sql<number>`${sql.raw(alias ? `${alias}.${column}` : column)}`;
  }

  /**
   * Runs fn in one transaction; a throw rolls it back. SQLite takes the write lock up front (BEGIN IMMEDIATE), so
   * busy_timeout applies instead of a failed lock upgrade. PostgreSQL runs it SERIALIZABLE and runs fn again on a
   * serialisation failure or deadlock, so fn must not have effects outside the database. A call inside a
   * transaction joins it. `read_committed` is for work whose statements hold their own guarantees (ON CONFLICT DO
   * NOTHING, conditional updates) and that would only collide needlessly under SERIALIZABLE.
   */
  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.inTransaction) return fn();
    const begin =
      this.engine.kind === 'sqlite'
        ? 'BEGIN IMMEDIATE'
        : options.isolation === 'read_committed'
          ? 'BEGIN ISOLATION LEVEL READ COMMITTED'
          : 'BEGIN ISOLATION LEVEL SERIALIZABLE';
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.root.connection().execute(async (connection) => {
          await sql.raw(begin).execute(connection);
          try {
            const result = await this.scope.run(connection, fn);
            await sql.raw('COMMIT').execute(connection);
            return result;
          } catch (error) {
            await sql
              .raw('ROLLBACK')
              .execute(connection)
              .catch(() => undefined);
            throw error;
          }
        });
      } catch (error) {
        if (attempt >= MAX_TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
        // jittered backoff, so the transactions that collided do not collide again
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }

  /** Resolves when the database answers a trivial query. */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.root);
  }

  async close(): Promise<void> {
    if (this.release) await this.release();
    else await this.root.destroy();
  }
}

export interface TransactionOptions {
  /** PostgreSQL's isolation level (default serializable); SQLite always runs one writer at a time. */
  isolation?: 'serializable' | 'read_committed';
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

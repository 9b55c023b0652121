import { Kysely, PostgresDialect } from './kysely.js';
import pg from 'pg';
import { DatabaseUnreachableError } from '../errors.js';
import { describeTarget, type PostgresTarget } from './database-target.js';
import type { Schema } from './schema.js';
import { SqlDatabase } from './sql-database.js';

/** PostgreSQL's BIGINT (epoch-millisecond timestamps, counts) as a JS number: every value we store fits in 2^53. */
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** A pool on the PostgreSQL server; checks it answers before returning, so a bad URL stops start-up in one line. */
export async function connectPostgres(target: PostgresTarget): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize,
    connectionTimeoutMillis: 10_000,
    ...(target.statementTimeoutMs > 0 ? { statement_timeout: target.statementTimeoutMs } : {}),
    application_name: 'compute-advice',
    types,
  });
  // An idle connection the server dropped: the pool replaces it; the health endpoint reports a database that is gone.
  pool.on('error', () => undefined);
  // A connection dropped while checked out fails its query, and the pool discards it on release; without a listener
  // its 'error' event would end the process.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const description = describeTarget(target);
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const database = new SqlDatabase({ kind: 'postgres', pool }, kysely, description);
  try {
    await database.ping();
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new DatabaseUnreachableError(description, error);
  }
  return database;
}

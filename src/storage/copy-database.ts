import { sql } from './kysely.js';
import { TABLES_IN_ORDER } from './schema.js';
import type { SqlDatabase } from './sql-database.js';

/** Rows per INSERT: well under both engines' limits on bound parameters. */
const BATCH_ROWS = 500;

/** Tables whose ids come from an identity column on PostgreSQL: its sequence continues after the copied ids. */
const IDENTITY_TABLES = ['answer_history', 'recommendations', 'decisions', 'inbox', 'signoff_actions'] as const;

export type CopyCounts = Record<(typeof TABLES_IN_ORDER)[number], number>;

/** Why a copy was refused before anything was written. */
export class CopyRefused extends Error {
  constructor(readonly reviews: number) {
    super(`the destination already holds ${reviews} review${reviews === 1 ? '' : 's'}`);
    this.name = 'CopyRefused';
  }
}

/**
 * Copies every row of a migrated database into an empty migrated one (either engine to either engine), in one
 * transaction on the destination: a copy that fails leaves the destination as empty as it was. Ids, timestamps and
 * JSON are copied as stored; reviews keep their order.
 */
export async function copyDatabase(from: SqlDatabase, to: SqlDatabase): Promise<CopyCounts> {
  const present = await to.q
    .selectFrom('reviews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(present.n) > 0) throw new CopyRefused(Number(present.n));
  const counts = {} as CopyCounts;
  await to.transaction(async () => {
    for (const table of TABLES_IN_ORDER) counts[table] = await copyTable(from, to, table);
    if (to.dialect === 'postgres') {
      for (const table of IDENTITY_TABLES) {
        await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), coalesce((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
          to.q,
        );
      }
    }
  });
  return counts;
}

async function copyTable(from: SqlDatabase, to: SqlDatabase, table: (typeof TABLES_IN_ORDER)[number]): Promise<number> {
  // reviews in insertion order, so the destination's tie-breaking order is the source's
  const order = table === 'reviews' ? from.reviewOrder() : IDENTITY_TABLES.includes(table as never) ? sql`id` : sql`1`;
  let copied = 0;
  for (let offset = 0; ; offset += BATCH_ROWS) {
    const { rows } = await sql<
      Record<string, unknown>
    >`SELECT * FROM ${sql.table(table)} ORDER BY ${order} LIMIT ${BATCH_ROWS} OFFSET ${offset}`.execute(from.q);
    if (rows.length === 0) return copied;
    // PostgreSQL's reviews.seq is its own bookkeeping: the destination numbers rows itself
    const values = rows.map(({ seq: _seq, ...row }) => row);
    await to.q
      .insertInto(table)
      .values(values as never)
      .execute();
    copied += rows.length;
    if (rows.length < BATCH_ROWS) return copied;
  }
}

import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

/**
 * Kysely's runtime values, from its CommonJS build. Its ESM build is about 280 modules, and Node 20 loads that many
 * ES modules in roughly twice the CPU time of the same code as CommonJS (docs/PERFORMANCE.md). Every storage file
 * takes Kysely's values from here (types still come from 'kysely'), so one copy of the library is ever loaded.
 */
const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { Kysely, SqliteDialect, PostgresDialect, sql } = kysely;
export type Kysely<DB> = KyselyModule.Kysely<DB>;

import { defineConfig } from 'vitest/config';

/**
 * Two projects. `sqlite` runs every test on the embedded default. `postgres` runs the storage, app-layer,
 * conversation, digest and participant suites again on the PostgreSQL server at TEST_DATABASE_URL (.ci/run starts
 * one), so a query that works on one engine only fails, and the end-to-end tests that need several processes on one
 * server. Without a URL the postgres project is left out with a message, except in CI (CI=1),
 * where its tests run and fail loudly.
 */
const POSTGRES_ONLY_FILES = ['test/e2e/postgres-instances.test.ts', 'test/e2e/postgres-health.test.ts'];

export const ENGINE_MATRIX_FILES = [
  'test/storage/answer-repository.test.ts',
  'test/storage/repositories.test.ts',
  'test/storage/review-repository.test.ts',
  'test/storage/engines.test.ts',
  'test/storage/copy-database.test.ts',
  'test/storage/engine-migrations.test.ts',
  'test/app/**/*.test.ts',
  'test/conversation/conversation.test.ts',
  'test/digest/apply-digest-command.test.ts',
  'test/digest/build-digest.test.ts',
  'test/digest/digest-repository.test.ts',
  'test/digest/digest-scheduler.test.ts',
  'test/digest/reminders.test.ts',
  'test/digest/signoff-reminders.test.ts',
  'test/digest/signoff-digest.test.ts',
  'test/security/participants.test.ts',
  // PostgreSQL only: several processes on one server, the server going away under a running process
  ...POSTGRES_ONLY_FILES,
];

const inCi = ['1', 'true'].includes(process.env.CI ?? '');
const withPostgres = Boolean(process.env.TEST_DATABASE_URL) || inCi;
if (!withPostgres) {
  process.stderr.write('TEST_DATABASE_URL is not set: skipping the PostgreSQL test project (see .ci/run to start a server)\n');
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: POSTGRES_ONLY_FILES } },
      ...(withPostgres
        ? [{ extends: true as const, test: { name: 'postgres', include: ENGINE_MATRIX_FILES, env: { TEST_ENGINE: 'postgres' } } }]
        : []),
    ],
  },
});

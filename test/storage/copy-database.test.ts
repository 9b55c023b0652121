/**
 * `db copy`: a team that started on the embedded SQLite file moves its history into the engine under test (SQLite
 * again in the sqlite project, PostgreSQL in the postgres one), through the library and through the CLI.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import type { DatabaseTarget } from '../../src/storage/database-target.js';
import { copyDatabase } from '../../src/storage/copy-database.js';
import { connectDatabase } from '../../src/storage/open-database.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { builtFile, REPO_ROOT } from '../helpers/built.js';
import { afterThisTest, freshTarget, testDir } from '../helpers/test-database.js';
import { completeReview } from '../security/helpers/reviews.js';

const T0 = Date.UTC(2026, 10, 23, 9);
const PLACE = { platform: 'slack' as const, workspaceId: 'T0COPY', channelId: 'C0COPY' };

async function open(target: DatabaseTarget): Promise<Services> {
  const services = await createServices({ database: target, clock: { now: () => T0 } });
  afterThisTest(() => services.close());
  return services;
}

/** A SQLite file with a finished review (answers, recommendation, decision), an open one, a digest and a nudge. */
async function seededSqlite(): Promise<{ path: string; finished: string; open: string }> {
  const file = path.join(testDir(), 'source.db');
  const s = await open({ engine: 'sqlite', path: file });
  const finished = (await s.reviews.start({ ...PLACE, threadRef: '1763000000.000001' }, 'U1', 'payments')).review.id;
  await completeReview(s.reviews, finished, 'U1');
  await s.reviews.recordDecision(finished, 'U1', 'vm', { note: 'the ops team knows VMs' });
  const started = (await s.reviews.start({ ...PLACE, threadRef: '1763000000.000002' }, 'U1', 'ledger')).review;
  await s.store.subscriptions.subscribe(PLACE, { weekday: 1, time: '09:00', timeZone: 'Europe/Berlin', scope: 'channel' }, 'U1', T0);
  await s.store.runs.claim({ ...PLACE, weekKey: '2026-W48', scheduledAt: T0 }, 'a', T0);
  await s.store.reminders.claimNudge(started, 'a', T0);
  await s.store.events.markProcessed('ev-1', 'slack', T0);
  await s.close();
  return { path: file, finished, open: started.id };
}

async function contents(s: Services, ids: string[]) {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    out[id] = {
      review: await s.store.reviews.get(id),
      answers: await s.store.answers.list(id),
      history: await s.store.answers.history(id),
      participants: await s.store.participants.list(id),
      recommendation: await s.store.recommendations.latest(id),
      decisions: await s.store.decisions.list(id),
      messages: await s.store.messages.list(id),
      nudges: await s.store.reminders.nudgesFor(id),
    };
  }
  out.subscriptions = await s.store.subscriptions.list();
  out.runs = await s.store.runs.listForWeeks(['2026-W48']);
  out.event = await s.store.events.hasProcessed('ev-1');
  return out;
}

describe('copying a database', () => {
  it('moves every row, ids included, and the destination keeps numbering after them', async () => {
    const source = await seededSqlite();
    const from = await open({ engine: 'sqlite', path: source.path });
    const target = await freshTarget();
    const to = await open(target);
    const counts = await copyDatabase(from.database, to.database);
    expect(counts).toMatchObject({
      reviews: 2,
      decisions: 1,
      recommendations: 1,
      digest_subscriptions: 1,
      digest_runs: 1,
      review_nudges: 1,
    });
    expect(counts.answer_history).toBeGreaterThan(3);
    expect(await contents(to, [source.finished, source.open])).toEqual(await contents(from, [source.finished, source.open]));
    // new rows continue after the copied ids
    const before = (await to.store.decisions.latest(source.finished))!.id;
    await to.reviews.recordDecision(source.finished, 'U1', 'containers');
    expect((await to.store.decisions.latest(source.finished))!.id).toBeGreaterThan(before);
  });

  it('refuses a destination that already holds reviews, and writes nothing', async () => {
    const source = await seededSqlite();
    const from = await open({ engine: 'sqlite', path: source.path });
    const to = await open(await freshTarget());
    await to.reviews.start({ ...PLACE, threadRef: '1763000000.000009' }, 'U9', 'already here');
    await expect(copyDatabase(from.database, to.database)).rejects.toThrow(/already holds 1 review/);
    expect(await to.store.reviews.listRecent(10)).toHaveLength(1);
  });

  it('compute-advice db copy --from sqlite:PATH --to the destination, then the app reads the history there', async () => {
    const source = await seededSqlite();
    const target = await freshTarget();
    const to = target.engine === 'postgres' ? target.url : `sqlite:${target.path}`;
    const run = (args: string[]) =>
      spawnSync(process.execPath, [builtFile('src/cli/main.js'), ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, NO_COLOR: '1' },
        timeout: 60_000,
      });
    const copied = run(['db', 'copy', '--from', `sqlite:${source.path}`, '--to', to]);
    expect(copied.stderr).toBe('');
    expect(copied.status).toBe(0);
    expect(copied.stdout).toMatch(/^copied .*source\.db to .*: reviews 2, answers \d+, answer_history \d+/);
    expect(copied.stdout).not.toContain('password');
    const again = run(['db', 'copy', '--from', `sqlite:${source.path}`, '--to', to]);
    expect(again.status).toBe(2);
    expect(again.stderr.trim()).toBe('error: --to: the destination already holds 2 reviews; copy into an empty database');
    const db = await connectDatabase(target);
    afterThisTest(() => db.close());
    expect((await runMigrations(db, defaultMigrationsDir())).applied).toEqual([]);
    const app = await open(target);
    expect((await app.reviews.get(source.finished))?.status).toBe('completed');
    expect(await app.reviews.latestRecommendation(source.finished)).toBeDefined();
  });
});

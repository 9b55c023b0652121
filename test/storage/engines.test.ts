/**
 * What several instances on one database rely on, on the engine under test (the sqlite and postgres vitest projects
 * run this file each): migrations that start together, and the guarantees that hold under concurrent calls. Each
 * instance is its own SqlDatabase and services on the same target.
 */
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app/services.js';
import { connectDatabase } from '../../src/storage/open-database.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { afterThisTest, freshTarget, TEST_ENGINE } from '../helpers/test-database.js';
import { validAnswer } from '../security/helpers/reviews.js';
import { freshStore } from './helpers.js';

const T0 = Date.UTC(2026, 10, 23, 9);
const PLACE = { platform: 'slack' as const, workspaceId: 'T0ENG', channelId: 'C0ENG' };

async function instances(count: number): Promise<Services[]> {
  const target = await freshTarget();
  const all: Services[] = [];
  for (let i = 0; i < count; i++) {
    const services = await createServices({ database: target, clock: { now: () => T0 + 1_000 } });
    afterThisTest(() => services.close());
    all.push(services);
  }
  return all;
}

describe(`several instances on one ${TEST_ENGINE} database`, () => {
  it('migrate safely when they start together: every file is applied once, in order', async () => {
    const target = await freshTarget();
    const opened = await Promise.all([1, 2, 3, 4].map(() => connectDatabase(target)));
    for (const db of opened) afterThisTest(() => db.close());
    const results = await Promise.all(opened.map((db) => runMigrations(db, defaultMigrationsDir())));
    const applied = results.flatMap((r) => r.applied);
    expect(applied[0]).toBe('0001_init.sql');
    expect(new Set(applied).size).toBe(applied.length);
    const total = applied.length;
    for (const r of results) expect(r.applied.length + r.alreadyApplied).toBe(total);
    const rows = await opened[0]!.q.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
    expect(rows.map((r) => r.version)).toEqual(rows.map((_, i) => i + 1));
    expect(await runMigrations(opened[1]!, defaultMigrationsDir())).toEqual({ applied: [], alreadyApplied: total });
  });

  it('record one answer per question when two instances take clicks on it at once', async () => {
    const [a, b] = await instances(2);
    const { review, step } = await a!.reviews.start({ ...PLACE, threadRef: '1763000000.000001' }, 'U1', 'payments');
    if (step.kind !== 'question') throw new Error('expected a question');
    const click = (s: Services, key: string) =>
      s.reviews.answer(review.id, 'U1', { text: validAnswer(step.question), questionId: step.question.id, dedupeKey: key });
    // two people click the first question's button on two instances; Slack also redelivers one click to the other
    const results = await Promise.all([click(a!, 'click-1'), click(b!, 'click-2'), click(b!, 'click-1'), click(a!, 'click-2')]);
    expect(results.filter((r) => r.kind === 'accepted')).toHaveLength(1);
    expect(results.every((r) => ['accepted', 'stale', 'duplicate'].includes(r.kind))).toBe(true);
    expect((await a!.store.answers.history(review.id)).map((h) => h.questionId)).toEqual([step.question.id]);
  });

  it('record one decision per click, whichever instances receive it', async () => {
    const [a, b] = await instances(2);
    const { review } = await a!.reviews.start({ ...PLACE, threadRef: '1763000000.000002' }, 'U1', 'nightly');
    for (let step = await a!.reviews.step(review.id); step?.kind === 'question'; step = await a!.reviews.step(review.id)) {
      await a!.reviews.answer(review.id, 'U1', { text: validAnswer(step.question), questionId: step.question.id });
    }
    const decide = (s: Services) => s.reviews.recordDecision(review.id, 'U1', 'vm', { dedupeKey: 'decide-1' });
    const results = await Promise.all([decide(a!), decide(b!), decide(a!), decide(b!)]);
    expect(results.map((r) => r.kind).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'ok']);
    expect(await b!.store.decisions.list(review.id)).toHaveLength(1);
  });

  it('start one review per thread and mark each event once', async () => {
    const [a, b] = await instances(2);
    const place = { ...PLACE, threadRef: '1763000000.000003' };
    const starts = await Promise.all([
      a!.reviews.startInThread(place, 'U1', 'one', { dedupeKey: 'start-a' }),
      b!.reviews.startInThread(place, 'U2', 'two', { dedupeKey: 'start-b' }),
    ]);
    expect(starts.map((s) => s.kind).sort()).toEqual(['already_running', 'started']);
    const marks = await Promise.all([a, b, a, b].map((s, i) => s!.store.events.markProcessed('ev-once', 'slack', T0 + i)));
    expect(marks.filter(Boolean)).toHaveLength(1);
  });

  it('claim a digest run and a nudge once across instances', async () => {
    const [a, b] = await instances(2);
    const run = { ...PLACE, weekKey: '2026-W48', scheduledAt: T0 };
    const claims = await Promise.all([a, b, a, b].map((s, i) => s!.store.runs.claim(run, `i${i}`, T0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const { review } = await a!.reviews.start({ ...PLACE, threadRef: '1763000000.000004' }, 'U1', 'idle');
    const nudges = await Promise.all([a, b, a, b].map((s, i) => s!.store.reminders.claimNudge(review, `i${i}`, T0)));
    expect(nudges.filter(Boolean)).toHaveLength(1);
  });

  it('keep reviews created in the same millisecond in insertion order', async () => {
    const store = await freshStore();
    for (const id of ['r-c', 'r-a', 'r-b']) {
      await store.reviews.create({ id, ...PLACE, threadRef: 't', requesterId: 'U1', workloadName: id, at: T0 });
    }
    expect((await store.reviews.listRecent(10)).map((r) => r.id)).toEqual(['r-b', 'r-a', 'r-c']);
    expect((await store.reviews.findByThread('slack', PLACE.channelId, 't'))?.id).toBe('r-b');
  });

  it('store timestamps beyond 32 bits and read them back as numbers', async () => {
    const [a] = await instances(1);
    const { review } = await a!.reviews.start({ ...PLACE, threadRef: '1763000000.000005' }, 'U1', 'big');
    const stored = await a!.store.reviews.get(review.id);
    expect(stored?.createdAt).toBe(T0 + 1_000);
    expect(typeof stored?.createdAt).toBe('number');
  });
});

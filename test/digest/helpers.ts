import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Clock } from '../../src/app/clock.js';
import type { DigestStore, DigestSubscription } from '../../src/storage/digest-repository.js';
import type { DatabaseTarget } from '../../src/storage/database-target.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { connectDatabase } from '../../src/storage/open-database.js';
import type { SqlDatabase } from '../../src/storage/sql-database.js';
import { afterThisTest, freshTarget } from '../helpers/test-database.js';
import { createStore, type Store } from '../../src/storage/store.js';
import type { Platform, Review } from '../../src/storage/review-repository.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MINUTE = 60_000;
export const at = (iso: string) => Date.parse(iso);

export interface FakeClock extends Clock {
  set(ms: number | string): void;
  advance(ms: number): void;
}

export function fakeClock(start: number | string): FakeClock {
  let t = typeof start === 'string' ? at(start) : start;
  return {
    now: () => t,
    set: (ms) => {
      t = typeof ms === 'string' ? at(ms) : ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compute-advice-digest-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Opens (and migrates) the target; a second call with the same target is a second connection, like a 2nd instance. */
export async function openDb(target: DatabaseTarget): Promise<SqlDatabase> {
  const db = await connectDatabase(target);
  afterThisTest(() => db.close());
  await runMigrations(db, defaultMigrationsDir());
  return db;
}

export interface TestDb {
  database: SqlDatabase;
  target: DatabaseTarget;
  store: Store;
  digest: DigestStore;
}

/** A fresh database on the engine under test. */
export async function freshDb(): Promise<TestDb> {
  const target = await freshTarget();
  const database = await openDb(target);
  const store = createStore(database);
  return { database, target, store, digest: store };
}

let seq = 0;

export interface SeedReview {
  name?: string;
  platform?: Platform;
  workspaceId?: string;
  channelId?: string;
  threadRef?: string | null;
  /** Who can see its conversation; default 'workspace' (a Slack public channel). */
  audience?: string | null;
  startedAt: number;
  /** Completes the review at this time with a recommendation of `recommended`. */
  completedAt?: number;
  recommended?: string;
  verdicts?: Record<string, string>;
  /** Decisions: chosen model, against the advice?, when. */
  decisions?: Array<{ chosen: string; against: boolean; at: number; note?: string }>;
  /** Last activity of an in_progress review. */
  lastActivityAt?: number;
  requesterId?: string;
}

export const DEFAULT_VERDICTS = { vm: 'good', containers: 'good', serverless_containers: 'good', faas: 'optimal', wasm_edge: 'caution' };

/** Writes a review the way the app does: create, recommend, complete, decide. */
export async function seedReview(store: Store, s: SeedReview): Promise<Review> {
  seq += 1;
  const review = await store.reviews.create({
    id: `r-${seq}`,
    platform: s.platform ?? 'slack',
    workspaceId: s.workspaceId ?? 'T1',
    channelId: s.channelId ?? 'C0CHAN1',
    threadRef: s.threadRef === undefined ? `1763000000.${String(seq).padStart(6, '0')}` : s.threadRef,
    audience: s.audience === undefined ? 'workspace' : s.audience,
    requesterId: s.requesterId ?? 'U1',
    workloadName: s.name ?? `workload-${seq}`,
    at: s.startedAt,
  });
  if (s.completedAt !== undefined) {
    const recommended = s.recommended ?? 'faas';
    await store.recommendations.save(
      review.id,
      'test',
      recommended,
      { recommended, verdicts: s.verdicts ?? DEFAULT_VERDICTS },
      s.completedAt,
    );
    await store.reviews.setStatus(review.id, 'completed', s.completedAt);
  } else if (s.lastActivityAt !== undefined) {
    await store.reviews.touch(review.id, s.lastActivityAt);
  }
  for (const d of s.decisions ?? []) {
    await store.decisions.record({
      reviewId: review.id,
      chosenModel: d.chosen,
      againstAdvice: d.against,
      decidedBy: 'U2',
      note: d.note ?? null,
      at: d.at,
    });
  }
  return (await store.reviews.get(review.id))!;
}

export async function subscribe(
  digest: DigestStore,
  partial: Partial<DigestSubscription> & { weekday: number; time: string; timeZone: string },
  at: number,
): Promise<DigestSubscription> {
  const place = {
    platform: partial.platform ?? 'slack',
    workspaceId: partial.workspaceId ?? 'T1',
    channelId: partial.channelId ?? 'C0CHAN1',
  } as const;
  return (
    await digest.subscriptions.subscribe(
      place,
      {
        weekday: partial.weekday,
        time: partial.time,
        timeZone: partial.timeZone,
        scope: partial.scope ?? 'channel',
        conversationRef: partial.conversationRef ?? null,
        audience: partial.audience === undefined ? 'workspace' : partial.audience,
      },
      'U1',
      at,
    )
  ).subscription;
}

/** The ISO instant in UTC, for readable assertions. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** An approver's sign-off on a seeded review's latest recommendation (a request for changes carries a note). */
export async function recordSignOff(
  store: Store,
  reviewId: string,
  approverId: string,
  action: 'approved' | 'changes_requested',
  at: number,
): Promise<void> {
  const recommendation = (await store.recommendations.latest(reviewId))!;
  await store.signoffs.record({
    reviewId,
    approverId,
    action,
    note: action === 'approved' ? null : 'size it again',
    recommendationId: recommendation.id,
    at,
  });
}

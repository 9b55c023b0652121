import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type Database from 'better-sqlite3';
import type { Clock } from '../../src/app/clock.js';
import type { DigestStore, DigestSubscription } from '../../src/storage/digest-repository.js';
import { defaultMigrationsDir, runMigrations } from '../../src/storage/migrations.js';
import { openDatabase } from '../../src/storage/open-database.js';
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

/** Opens (and migrates) a database file; a second call with the same file is a second connection, like a 2nd instance. */
export function openDb(file = path.join(tempDir(), 'test.db')): Database.Database {
  const db = openDatabase(file);
  cleanups.push(() => {
    if (db.open) db.close();
  });
  runMigrations(db, defaultMigrationsDir());
  return db;
}

export interface TestDb {
  db: Database.Database;
  file: string;
  store: Store;
  digest: DigestStore;
}

export function freshDb(): TestDb {
  const file = path.join(tempDir(), 'test.db');
  const db = openDb(file);
  const store = createStore(db);
  return { db, file, store, digest: store };
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
export function seedReview(store: Store, s: SeedReview): Review {
  seq += 1;
  const review = store.reviews.create({
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
    store.recommendations.save(review.id, 'test', recommended, { recommended, verdicts: s.verdicts ?? DEFAULT_VERDICTS }, s.completedAt);
    store.reviews.setStatus(review.id, 'completed', s.completedAt);
  } else if (s.lastActivityAt !== undefined) {
    store.reviews.touch(review.id, s.lastActivityAt);
  }
  for (const d of s.decisions ?? []) {
    store.decisions.record({
      reviewId: review.id,
      chosenModel: d.chosen,
      againstAdvice: d.against,
      decidedBy: 'U2',
      note: d.note ?? null,
      at: d.at,
    });
  }
  return store.reviews.get(review.id)!;
}

export function subscribe(
  digest: DigestStore,
  partial: Partial<DigestSubscription> & { weekday: number; time: string; timeZone: string },
  at: number,
): DigestSubscription {
  const place = {
    platform: partial.platform ?? 'slack',
    workspaceId: partial.workspaceId ?? 'T1',
    channelId: partial.channelId ?? 'C0CHAN1',
  } as const;
  return digest.subscriptions.subscribe(
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
  ).subscription;
}

/** The ISO instant in UTC, for readable assertions. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** Real services on a fresh database of the engine under test, and a driver that answers a review to the end through ReviewService. */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../../src/app/clock.js';
import type { ReviewService } from '../../../src/app/review-service.js';
import { createServices, type Services } from '../../../src/app/services.js';
import type { Question } from '../../../src/core/interview/question.js';
import type { Recommendation } from '../../../src/core/recommendation.js';
import type { DatabaseTarget } from '../../../src/storage/database-target.js';
import { freshTarget } from '../../helpers/test-database.js';

export interface TempServices extends Services {
  dir: string;
  /** The SQLite file ('' on PostgreSQL). */
  dbPath: string;
  /** Where the database is: open it again for a second instance. */
  target: DatabaseTarget;
  /** close() and delete the folder. */
  dispose(): void;
}

/**
 * Fresh services on the engine under test for each test of the file (the postgres vitest project runs app tests on
 * PostgreSQL), with a clock that moves one second each time it is read. Returns the current test's services.
 */
export function servicesForEachTest(startIso = '2026-03-01T09:00:00Z'): () => TempServices {
  let services: TempServices | undefined;
  beforeEach(async () => {
    let now = Date.parse(startIso);
    services = await tempServices({ now: () => (now += 1000) });
  });
  afterEach(() => services?.dispose());
  return () => {
    if (!services) throw new Error('services are made for each test: call this inside a test');
    return services;
  };
}

export async function tempServices(clock?: Clock): Promise<TempServices> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-security-'));
  const target = await freshTarget(dir);
  const dbPath = target.engine === 'sqlite' ? target.path : '';
  const services = await createServices({ database: target, ...(clock ? { clock } : {}) });
  let closed = false;
  return {
    ...services,
    dir,
    dbPath,
    target,
    async dispose() {
      if (!closed) await services.close();
      closed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface MovableClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function movableClock(start: number): MovableClock {
  let t = start;
  return { now: () => t, set: (ms) => void (t = ms), advance: (ms) => void (t += ms) };
}

const NUMBER_ANSWERS: Record<string, string> = {
  seconds: '60s',
  milliseconds: '200ms',
  megabytes: '512mb',
  requests_per_second: '40 req/s',
  runs_per_day: 'hourly',
  ratio: '10x',
};

/** A valid typed answer for any required question. */
export function validAnswer(q: Question): string {
  switch (q.type) {
    case 'single_choice':
      return String(q.choices?.[0]?.value ?? '1');
    case 'multi_choice':
      return 'none';
    case 'yes_no':
      return 'no';
    case 'number':
      return NUMBER_ANSWERS[q.unit ?? ''] ?? '10';
    default:
      return 'ok';
  }
}

/** Answers (or skips, when optional) every question until the recommendation; throws if anything is refused. */
export async function completeReview(reviews: ReviewService, reviewId: string, actorId: string): Promise<Recommendation> {
  for (let turn = 0; turn < 50; turn++) {
    const step = await reviews.step(reviewId);
    if (!step) throw new Error(`review ${reviewId} not found`);
    if (step.kind === 'completed') return step.recommendation;
    if (step.kind === 'closed') throw new Error(`review ${reviewId} is ${step.status}`);
    const q = step.question;
    if (q.optional) {
      const r = await reviews.skip(reviewId, actorId, q.id);
      if (r.kind !== 'ok') throw new Error(`skip ${q.id}: ${r.kind}`);
    } else {
      const r = await reviews.answer(reviewId, actorId, { text: validAnswer(q), questionId: q.id });
      if (r.kind !== 'accepted') throw new Error(`answer ${q.id}: ${r.kind}${'message' in r ? ` ${r.message}` : ''}`);
    }
  }
  throw new Error(`review ${reviewId} did not finish in 50 turns`);
}

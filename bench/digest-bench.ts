import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { buildDigest, type DigestTarget } from '../src/digest/build-digest.js';
import { renderDigestBlocks } from '../src/digest/digest-blocks.js';
import { renderDigestCard } from '../src/digest/digest-card.js';
import { createStore } from '../src/storage/store.js';
import { defaultMigrationsDir, runMigrations } from '../src/storage/migrations.js';
import { openDatabase, sqliteDatabase } from '../src/storage/open-database.js';
import type { BenchResult } from './bench-result.js';
import { percentile } from './percentile.js';

const REVIEWS = 100_000;
const WEEKS = 10;
const CHANNELS = 8;
const RUNS = 21;
const TARGET_MS = 200;
const DAY = 86_400_000;
const MODELS = ['vm', 'containers', 'serverless_containers', 'faas', 'wasm_edge'] as const;
/** The digest's period ends here: Monday 23 Nov 2026, 09:00 in Berlin. */
const END = Date.parse('2026-11-23T08:00:00Z');

/** A small deterministic generator so every run seeds the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * 100,000 reviews over ten weeks in eight channels of one workspace: 88 % completed with a recommendation (a result of
 * realistic size), 7 % in progress, 5 % cancelled; a third of the completed ones have a decision, a third of those
 * against the advice. One transaction, prepared statements.
 */
function seed(db: Database.Database): void {
  const random = rng(42);
  const insertReview = db.prepare(
    `INSERT INTO reviews (id, platform, workspace_id, channel_id, thread_ref, requester_id, workload_name, status,
       created_at, updated_at, completed_at, last_activity_at)
     VALUES (?, 'slack', 'T0BENCH', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRecommendation = db.prepare(
    'INSERT INTO recommendations (review_id, rules_version, recommended, result_json, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertDecision = db.prepare(
    'INSERT INTO decisions (review_id, chosen_model, against_advice, decided_by, note, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const padding = 'A rule that fired and the reason it gives, as the stored recommendation keeps them. '.repeat(20);
  db.transaction(() => {
    for (let i = 0; i < REVIEWS; i++) {
      const id = `r-${i.toString(36).padStart(8, '0')}`;
      const created = END - Math.floor(random() * WEEKS * 7 * DAY);
      const channel = `C0BENCH${Math.floor(random() * CHANNELS)}`;
      const ts = `${Math.floor(created / 1000)}.${String(i % 1_000_000).padStart(6, '0')}`;
      const roll = random();
      const status = roll < 0.88 ? 'completed' : roll < 0.95 ? 'in_progress' : 'cancelled';
      const activity = Math.min(END, created + Math.floor(random() * 2 * DAY));
      const completed = status === 'completed' ? activity : null;
      insertReview.run(id, channel, ts, `U${i % 500}`, `workload-${i}`, status, created, activity, completed, activity);
      if (completed === null) continue;
      const recommended = MODELS[Math.floor(random() * MODELS.length)]!;
      const verdicts = Object.fromEntries(MODELS.map((m) => [m, m === recommended ? 'optimal' : random() < 0.5 ? 'good' : 'caution']));
      insertRecommendation.run(id, '2026.1', recommended, JSON.stringify({ recommended, verdicts, summary: padding }), completed);
      if (random() < 1 / 3) {
        const against = random() < 1 / 3;
        const chosen = against ? (MODELS.find((m) => verdicts[m] === 'caution') ?? 'vm') : recommended;
        insertDecision.run(id, chosen, against ? 1 : 0, 'U1', against ? 'the team knows it' : null, completed + Math.floor(random() * DAY));
      }
    }
  })();
  db.exec('ANALYZE');
}

function median(times: number[]): number {
  return percentile(
    [...times].sort((a, b) => a - b),
    50,
  );
}

async function time(fn: () => unknown): Promise<number> {
  for (let i = 0; i < 2; i++) await fn(); // warm the statement and page caches
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Builds the weekly digest from a 100,000-review database; the baseline is a bare count(*) over the same file. */
export async function runDigestBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'compute-advice-digest-bench-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    await runMigrations(sqliteDatabase(db), defaultMigrationsDir());
    const seedStarted = performance.now();
    seed(db);
    const seedMs = performance.now() - seedStarted;
    const store = createStore(sqliteDatabase(db));
    const now = END + 60_000;
    const channel: DigestTarget = {
      platform: 'slack',
      workspaceId: 'T0BENCH',
      channelId: 'C0BENCH3',
      scope: 'channel',
      timeZone: 'Europe/Berlin',
    };
    const workspace: DigestTarget = { ...channel, scope: 'workspace' };
    const count = db.prepare('SELECT count(*) FROM reviews').pluck();
    // SQLite answers a bare count(*) from the smallest index, so also time one pass over every review row
    const scan = db.prepare('SELECT count(*) FROM reviews NOT INDEXED WHERE completed_at >= 0').pluck();

    const baseline = await time(() => count.get());
    const scanMs = await time(() => scan.get());
    const channelMs = await time(() => buildDigest(store, channel, now, { periodEnd: END }));
    const workspaceMs = await time(() => buildDigest(store, workspace, now, { periodEnd: END }));
    const view = await buildDigest(store, workspace, now, { periodEnd: END });
    const renderMs = await time(() => {
      renderDigestBlocks(view);
      renderDigestCard(view);
    });
    const f = (ms: number) => `${ms.toFixed(2)} ms`;
    const verdict = (ms: number) => (ms < TARGET_MS ? `under the ${TARGET_MS} ms target` : `OVER the ${TARGET_MS} ms target`);
    return {
      name: `Weekly digest from ${REVIEWS.toLocaleString('en-US')} reviews (${WEEKS} weeks, ${CHANNELS} channels; median of ${RUNS})`,
      lines: [
        `seeded in ${(seedMs / 1000).toFixed(1)} s: ${view.summary.completed.current.toLocaleString('en-US')} completed workspace-wide in the digest week`,
        `baseline SELECT count(*) FROM reviews: ${f(baseline)}; one full scan of reviews: ${f(scanMs)}`,
        `buildDigest, one channel:      ${f(channelMs)}  (${(channelMs / baseline).toFixed(0)}x count(*), ${(channelMs / scanMs).toFixed(2)}x full scan; ${verdict(channelMs)})`,
        `buildDigest, whole workspace:  ${f(workspaceMs)}  (${(workspaceMs / baseline).toFixed(0)}x count(*), ${(workspaceMs / scanMs).toFixed(2)}x full scan; ${verdict(workspaceMs)})`,
        `render Block Kit + Adaptive Card: ${f(renderMs)}`,
      ],
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runDigestBench();
  process.stdout.write(`${result.name}\n${result.lines.map((l) => `  ${l}`).join('\n')}\n`);
}

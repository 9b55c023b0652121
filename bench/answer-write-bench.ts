import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServices, type Services } from '../src/app/services.js';
import type { BenchResult } from './bench-result.js';
import { percentile } from './percentile.js';

const ANSWERS = 10_000;

/**
 * Times `count` answers stored through the real use case (parse, validate, write current + history in one
 * transaction), sorted, in ms. A review whose first question takes a choice: answer it, go back, answer again, so
 * every call writes; a new review every 200 answers.
 */
export async function answerWriteTimes(services: Services, count: number): Promise<number[]> {
  const times: number[] = [];
  let reviewId = '';
  for (let i = 0; i < count; i++) {
    if (i % 200 === 0)
      reviewId = (await services.reviews.start({ platform: 'cli', workspaceId: '', channelId: 'bench' }, 'bench', `w${i}`)).review.id;
    const step = await services.reviews.step(reviewId);
    if (step?.kind !== 'question') throw new Error('bench interview ended unexpectedly');
    const started = performance.now();
    const result = await services.reviews.answer(reviewId, 'bench', { text: '1', questionId: step.question.id });
    times.push(performance.now() - started);
    if (result.kind !== 'accepted') throw new Error(`answer not accepted: ${result.kind}`);
    await services.reviews.back(reviewId, 'bench');
  }
  return times.sort((a, b) => a - b);
}

async function measure(synchronous: 'NORMAL' | 'FULL'): Promise<{ p50: number; p99: number; max: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'compute-advice-bench-'));
  const services = await createServices({ databasePath: join(dir, 'bench.db') });
  if (services.database.engine.kind === 'sqlite') services.database.engine.handle.pragma(`synchronous = ${synchronous}`);
  let times: number[];
  try {
    times = await answerWriteTimes(services, ANSWERS);
  } finally {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? 0 };
}

export async function runAnswerWriteBench(): Promise<BenchResult> {
  const normal = await measure('NORMAL');
  const full = await measure('FULL');
  const f = (n: number) => `${n.toFixed(3)} ms`;
  return {
    name: `Storing one answer (${ANSWERS.toLocaleString('en-US')} answers, WAL, real file)`,
    lines: [
      `synchronous=NORMAL (chosen): p50 ${f(normal.p50)}  p99 ${f(normal.p99)}  max ${f(normal.max)}`,
      `synchronous=FULL (baseline): p50 ${f(full.p50)}  p99 ${f(full.p99)}  max ${f(full.max)}`,
      `ratio chosen/FULL at p50: ${(normal.p50 / full.p50).toFixed(2)}`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runAnswerWriteBench();
  process.stdout.write(`${result.name}\n${result.lines.map((l) => `  ${l}`).join('\n')}\n`);
}

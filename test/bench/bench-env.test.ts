import { describe, expect, it } from 'vitest';
import { BenchEnvError, readBenchEnv } from '../../bench/bench-env.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readBenchEnv(env);
  } catch (error) {
    if (error instanceof BenchEnvError) return error.problems;
    throw error;
  }
  return [];
}

describe('benchmark settings', () => {
  it('default to the documented run when nothing is set', () => {
    expect(readBenchEnv({})).toEqual({
      SLACK_BENCH_ROUNDS: 4,
      LOAD_SLACK_INTERVIEWS: 200,
      LOAD_TEAMS_INTERVIEWS: 50,
      LOAD_TURNS: 2,
      LOAD_BASELINE: 'bare',
    });
  });

  it('treat an empty variable as unset', () => {
    expect(readBenchEnv({ LOAD_TURNS: '' })).toMatchObject({ LOAD_TURNS: 2 });
    expect(readBenchEnv({ LOAD_SEED: ' ' }).LOAD_SEED).toBeUndefined();
  });

  it('take valid overrides', () => {
    expect(readBenchEnv({ SLACK_BENCH_ROUNDS: '48', LOAD_TURNS: '12', LOAD_SEED: '42', LOAD_BASELINE: 'ours' })).toMatchObject({
      SLACK_BENCH_ROUNDS: 48,
      LOAD_TURNS: 12,
      LOAD_SEED: 42,
      LOAD_BASELINE: 'ours',
    });
    expect(readBenchEnv({ LOAD_SEED: '4294967295' }).LOAD_SEED).toBe(4294967295);
  });

  it('refuse bad values, naming the variable and what it accepts', () => {
    expect(problemsOf({ LOAD_TURNS: 'three', SLACK_BENCH_ROUNDS: '0', LOAD_SLACK_INTERVIEWS: '1.5' })).toEqual([
      'SLACK_BENCH_ROUNDS: must be a whole number from 1 to 500 (got "0")',
      'LOAD_SLACK_INTERVIEWS: must be a whole number from 1 to 5000 (got "1.5")',
      'LOAD_TURNS: must be a whole number from 1 to 20 (got "three")',
    ]);
    expect(problemsOf({ LOAD_BASELINE: 'itself' })).toEqual(['LOAD_BASELINE: got "itself"; allowed: bare, ours']);
    for (const seed of ['-3', 'abc', '1.5', '4294967296']) {
      expect(problemsOf({ LOAD_SEED: seed })).toEqual([`LOAD_SEED: must be a whole number from 0 to 4294967295 (got "${seed}")`]);
    }
  });

  it('say all of it in one message', () => {
    expect(() => readBenchEnv({ LOAD_TURNS: '-1' })).toThrow(
      'Benchmark settings are invalid:\n  LOAD_TURNS: must be a whole number from 1 to 20 (got "-1")',
    );
  });
});

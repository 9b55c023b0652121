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
      SLACK_BENCH_ROUNDS: 48,
      LOAD_SLACK_INTERVIEWS: 200,
      LOAD_TEAMS_INTERVIEWS: 50,
      LOAD_THINK_MS: [2000, 6000],
      LOAD_RAMP_MS: 5000,
      LOAD_TURNS: 2,
      LOAD_LOG_LEVEL: 'info',
      LOAD_BARE_SLACK: 'post-and-update',
      LOAD_BARE_TEAMS: 'reply-and-update',
      LOAD_MAX_STEAL_PERCENT: 5,
      LOAD_BARE_NODE_FLAGS: 'deployed',
      LOAD_BASELINE: 'bare',
    });
  });

  it('treat an empty variable as unset', () => {
    expect(readBenchEnv({ LOAD_TURNS: '', LOAD_THINK_MS: '' })).toMatchObject({ LOAD_TURNS: 2, LOAD_THINK_MS: [2000, 6000] });
    expect(readBenchEnv({ LOAD_SEED: ' ' }).LOAD_SEED).toBeUndefined();
  });

  it('take valid overrides', () => {
    expect(readBenchEnv({ SLACK_BENCH_ROUNDS: '4', LOAD_TURNS: '4', LOAD_THINK_MS: '100-200', LOAD_RAMP_MS: '0', LOAD_LOG_LEVEL: 'warn', LOAD_BARE_SLACK: 'post', LOAD_BARE_TEAMS: 'reply', LOAD_SEED: '42', LOAD_MAX_STEAL_PERCENT: '100', LOAD_BARE_NODE_FLAGS: 'none', LOAD_BASELINE: 'ours' })).toMatchObject({
      SLACK_BENCH_ROUNDS: 4,
      LOAD_TURNS: 4,
      LOAD_THINK_MS: [100, 200],
      LOAD_RAMP_MS: 0,
      LOAD_LOG_LEVEL: 'warn',
      LOAD_BARE_SLACK: 'post',
      LOAD_BARE_TEAMS: 'reply',
      LOAD_SEED: 42,
      LOAD_MAX_STEAL_PERCENT: 100,
      LOAD_BARE_NODE_FLAGS: 'none',
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
    expect(problemsOf({ LOAD_THINK_MS: '6000-2000' })).toEqual([
      'LOAD_THINK_MS: must be a range of milliseconds such as 2000-6000, the first no larger than the second (got "6000-2000")',
    ]);
    expect(problemsOf({ LOAD_LOG_LEVEL: 'loud' })).toEqual(['LOAD_LOG_LEVEL: got "loud"; allowed: fatal, error, warn, info, debug, trace, silent']);
    expect(problemsOf({ LOAD_BARE_SLACK: 'update' })).toEqual(['LOAD_BARE_SLACK: got "update"; allowed: post, post-and-update']);
    expect(problemsOf({ LOAD_BARE_TEAMS: 'update' })).toEqual(['LOAD_BARE_TEAMS: got "update"; allowed: reply, reply-and-update']);
    expect(problemsOf({ LOAD_BARE_NODE_FLAGS: 'default' })).toEqual(['LOAD_BARE_NODE_FLAGS: got "default"; allowed: deployed, none']);
    expect(problemsOf({ LOAD_BASELINE: 'itself' })).toEqual(['LOAD_BASELINE: got "itself"; allowed: bare, ours']);
    expect(problemsOf({ LOAD_MAX_STEAL_PERCENT: '101' })).toEqual(['LOAD_MAX_STEAL_PERCENT: must be a whole number from 0 to 100 (got "101")']);
    for (const seed of ['-3', 'abc', '1.5', '4294967296']) {
      expect(problemsOf({ LOAD_SEED: seed })).toEqual([`LOAD_SEED: must be a whole number from 0 to 4294967295 (got "${seed}")`]);
    }
  });

  it('say all of it in one message', () => {
    expect(() => readBenchEnv({ LOAD_TURNS: '-1' })).toThrow('Benchmark settings are invalid:\n  LOAD_TURNS: must be a whole number from 1 to 20 (got "-1")');
  });
});

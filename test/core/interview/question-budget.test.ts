import { describe, expect, it } from 'vitest';
import { loadInterviewScript } from '../../../src/content/load-prompts.js';
import { toProfile, type InterviewContext } from '../../../src/core/interview/interview-engine.js';
import type { Model } from '../../../src/core/models.js';
import { interview } from './transcript.js';

/** A typical interview asks 13 questions or fewer (14 for jobs, which are also asked whether runs can be retried). */
const script = loadInterviewScript();
const ctx: InterviewContext = { script };
const BUDGET = 14;

const COMMON = {
  cloud_provider: 'aws',
  interruptible_runs: 'no',
  existing_cluster: 'no',
  state_location: 'stateless',
  typical_duration: '200ms',
  peak_memory: '512mb',
  os_needs: 'any linux',
  compliance_isolation: 'no',
  special_hardware: 'none',
  language_runtime: 'python',
  container_skills: 'basic',
  portability: 'no',
  edge_placement: 'no',
  peak_to_baseline: '20x',
  request_rate: '40 rps',
  runs_per_day: 'hourly',
  latency_target: '300ms',
};

const TYPICAL: Array<[string, Record<string, string>, number]> = [
  ['api, steady traffic, 300 ms target', { ...COMMON, workload_kind: 'api', traffic_shape: 'steady' }, 12],
  ['api, steady traffic, 50 ms target', { ...COMMON, workload_kind: 'api', traffic_shape: 'steady', latency_target: '50ms' }, 13],
  ['api, steady traffic, no target', { ...COMMON, workload_kind: 'api', traffic_shape: 'steady', latency_target: 'none' }, 11],
  ['api, bursty traffic, 300 ms target', { ...COMMON, workload_kind: 'api', traffic_shape: 'bursty' }, 13],
  ['api, bursty traffic, no target', { ...COMMON, workload_kind: 'api', traffic_shape: 'bursty', latency_target: 'none' }, 13],
  ['web app, variable traffic', { ...COMMON, workload_kind: 'web app', traffic_shape: 'variable' }, 13],
  ['batch job, scheduled', { ...COMMON, workload_kind: 'batch job', traffic_shape: 'scheduled', typical_duration: '20 min' }, 14],
  ['batch job, sporadic', { ...COMMON, workload_kind: 'batch job', traffic_shape: 'sporadic' }, 14],
  ['event processing, bursty', { ...COMMON, workload_kind: 'event processing', traffic_shape: 'bursty' }, 12],
  ['event processing, steady', { ...COMMON, workload_kind: 'event processing', traffic_shape: 'steady' }, 10],
  ['dev tooling, sporadic', { ...COMMON, workload_kind: 'ci', traffic_shape: 'sporadic' }, 13],
];

describe('question budget', () => {
  it.each(TYPICAL)('%s: %d questions or fewer', (_label, answers, expected) => {
    const { state, asked } = interview(ctx, answers);
    expect(asked.length, asked.join(', ')).toBe(expected);
    expect(asked.length).toBeLessThanOrEqual(BUDGET);
    expect(toProfile(ctx, state).ok).toBe(true);
  });

  it('a bursty api with a sub-100 ms target stays in budget once the decision engine rules models out', () => {
    // The rules cap faas below 100 ms and wasm_edge above 128 MB (rules/rules.yaml); the edge question concerns only those.
    const ruledOut = (partial: Readonly<Record<string, unknown>>): ReadonlySet<Model> => {
      const out = new Set<Model>();
      if (typeof partial.latencyTargetMs === 'number' && partial.latencyTargetMs < 100) out.add('faas');
      if (typeof partial.memoryMb === 'number' && partial.memoryMb > 128) out.add('wasm_edge');
      return out;
    };
    const { asked } = interview({ script, ruledOut }, { ...COMMON, workload_kind: 'api', traffic_shape: 'bursty', latency_target: '50ms' });
    expect(asked).not.toContain('edge_placement');
    expect(asked.length).toBeLessThanOrEqual(BUDGET);
  });

  it('never asks the name, and never asks both a request rate and runs per day', () => {
    for (const [, answers] of TYPICAL) {
      const { asked } = interview(ctx, answers);
      expect(asked.includes('request_rate') && asked.includes('runs_per_day')).toBe(false);
    }
  });
});

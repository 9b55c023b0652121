import { describe, expect, it } from 'vitest';
import type { WorkloadProfileInput } from '../../src/core/profile.js';
import { evaluateProfile, recommend } from '../../src/core/recommend.js';
import { content, profileOf } from './decision-helpers.js';

const pickOf = (o: Partial<WorkloadProfileInput>) => evaluateProfile(content, profileOf(o)).order[0];

describe('what would change the answer', () => {
  it('a latency target is a lever: the threshold is given, and it really is the threshold', () => {
    // A bursty Node API with a tight target: functions need warm instances below the cold start, so something else leads.
    const base = { traffic: 'bursty', avgRequestsPerSecond: 5, durationSeconds: 0.1, runtime: 'node', latencyTargetMs: 150 } as const;
    const rec = recommend(content, profileOf(base));
    const change = rec.changes.find((c) => c.field === 'latencyTargetMs' && typeof c.value === 'number');
    expect(change, rec.whatWouldChange.join('\n')).toBeDefined();
    expect(change!.lever).toBe(true);
    expect(change!.text).toMatch(/^With a p99 target of \d+ ms or more, functions \(FaaS\) would lead\.$/);
    const threshold = change!.value as number;
    expect(pickOf({ ...base, latencyTargetMs: threshold })).toBe('faas');
    // Rounded to the side that still flips: a little below it, the pick is still the current one.
    expect(pickOf({ ...base, latencyTargetMs: threshold * 0.9 })).toBe(rec.recommended);
  });

  it('a platform limit is named exactly: "over 15 minutes", not a rounded neighbour', () => {
    const rec = recommend(content, profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 24, durationSeconds: 300 }));
    expect(rec.recommended).toBe('faas');
    expect(rec.whatWouldChange).toContain('If one run took over 15 minutes, serverless containers would lead.');
    expect(rec.changes.find((c) => c.text.startsWith('If one run took over'))!.lever).toBe(false);
  });

  it('splitting a long job is offered as a lever, with the length each step must stay under', () => {
    const rec = recommend(content, profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 1, durationSeconds: 7200 }));
    const split = rec.changes.find((c) => c.text.startsWith('If each run were split into steps of'));
    expect(split, rec.whatWouldChange.join('\n')).toBeDefined();
    expect(split!.lever).toBe(true);
    expect(split!.value as number).toBeLessThanOrEqual(900);
  });

  it('an existing cluster, container skills and the cloud are levers', () => {
    const rec = recommend(
      content,
      profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 4, durationSeconds: 600, memoryMb: 8192 }),
    );
    expect(rec.changes.map((c) => c.field)).toEqual(['containerSkills', 'existingCluster', 'cloud']);
    expect(rec.changes.every((c) => c.lever)).toBe(true);
    expect(rec.whatWouldChange).toEqual(
      expect.arrayContaining([
        'If the team had strong container skills, serverless containers would lead.',
        'If the team already ran a Kubernetes cluster it could deploy to, containers would lead.',
        'On Azure, serverless containers would lead.',
      ]),
    );
  });

  it('a queue in front is a lever for work that can wait, never for callers waiting on an answer', () => {
    const jobs = recommend(
      content,
      profileOf({ kind: 'batch_job', traffic: 'bursty', runsPerDay: 100_000, durationSeconds: 60, memoryMb: 4096 }),
    );
    expect(jobs.recommended).toBe('faas');
    const queue = jobs.changes.find((c) => c.text.startsWith('If a queue smoothed the load'));
    expect(queue).toMatchObject({ field: 'traffic', value: 'steady', lever: true, recommended: 'containers' });
    const api = recommend(content, profileOf({ traffic: 'bursty', avgRequestsPerSecond: 5 }));
    expect(api.whatWouldChange.some((t) => t.startsWith('If a queue'))).toBe(false);
  });

  it('changes of the workload itself appear only when no lever or volume change flips the pick', () => {
    const identityFields = ['kind', 'state', 'traffic', 'os', 'isolation', 'portability', 'edge', 'hardware'];
    // A database on a VM: nothing the team controls moves it, so the card says what kind of change would.
    const db = recommend(
      content,
      profileOf({
        kind: 'database',
        state: 'local_persistent',
        traffic: 'steady',
        avgRequestsPerSecond: 100,
        durationSeconds: 0.01,
        memoryMb: 16_384,
      }),
    );
    expect(db.changes.length).toBeGreaterThan(0);
    expect(db.changes.every((c) => !c.lever && identityFields.includes(c.field))).toBe(true);
    // A batch job that levers do move: no identity change is offered at all.
    const job = recommend(
      content,
      profileOf({ kind: 'batch_job', traffic: 'scheduled', runsPerDay: 4, durationSeconds: 600, memoryMb: 8192 }),
    );
    expect(job.changes.some((c) => c.lever)).toBe(true);
    expect(job.changes.filter((c) => identityFields.includes(c.field))).toEqual([]);
    for (const change of [...db.changes, ...job.changes]) expect(change.text).not.toMatch(/needed an HSM|were a database/);
  });

  it('says how close the runner-up is', () => {
    const rec = recommend(content, profileOf({ avgRequestsPerSecond: 3 }));
    expect(rec.runnerUp).not.toBeNull();
    expect(rec.whatWouldChange.at(-1)).toMatch(
      /^The runner-up, .* \((optimal|good|caution)\), is (\d+(\.\d)? points? (behind|ahead on fit but dearer at this volume)|level on points)\.$/,
    );
  });

  it('no more than four changes, one per field and direction, each a real flip', () => {
    const rec = recommend(content, profileOf({ traffic: 'variable', avgRequestsPerSecond: 20, latencyTargetMs: 300, runtime: 'java' }));
    expect(rec.changes.length).toBeLessThanOrEqual(4);
    for (const change of rec.changes) {
      const changed = { ...rec.profile, [change.field]: change.value } as Record<string, unknown>;
      if (change.value === undefined) delete changed[change.field];
      expect(pickOf(changed as Partial<WorkloadProfileInput>), change.text).toBe(change.recommended);
    }
  });
});

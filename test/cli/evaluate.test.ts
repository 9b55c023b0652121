import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/core/models.js';
import { DEFAULTED_FIELDS } from '../../src/core/profile.js';
import { runCli as runProgram } from '../../src/cli/program.js';
import { runCli } from './cli-helpers.js';

describe('compute-advice evaluate', () => {
  it('prints the recommendation as text by default', () => {
    const { code, stdout, stderr } = runCli(['evaluate', 'examples/bursty-api.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Compute review: /);
    expect(stdout).toContain('Recommended: functions (FaaS), optimal');
    expect(stdout).toContain('What would change the answer');
    // the cost table (a row per model), the break-even and assumptions, and what the advice was based on
    expect(stdout).toContain('\nCost caveats (a month, list prices)\n');
    expect(stdout).toMatch(/\n {2}functions \(FaaS\) +\$\d/);
    expect(stdout).toMatch(/\n {2}- Break-even: above about [\d.]+ requests\/s on average, /);
    expect(stdout).toMatch(/\n {2}- Assumptions: AWS us-east-1 /);
    expect(stdout).toMatch(/\nBased on your answers\n {2}API · bursty traffic, peaks 1,000× · 5 requests\/s · 200 ms per request/);
    expect(stdout).toContain('AWS (assumed)');
  });

  it('--json prints one object with the contract fields', () => {
    const file = 'examples/stateful-database.yaml';
    const { code, stdout } = runCli(['evaluate', '--json', file]);
    expect(code).toBe(0);
    const rec = JSON.parse(stdout);
    for (const field of [
      'rulesVersion',
      'profile',
      'recommended',
      'verdicts',
      'ranking',
      'summary',
      'decidingRules',
      'costEstimates',
      'breakEven',
      'costCaveats',
      'costAssumptions',
      'coldStartAdvice',
      'whatWouldChange',
      'changes',
      'runnerUp',
      'tie',
      'inputs',
      'warnings',
    ]) {
      expect(rec, field).toHaveProperty(field);
    }
    expect(rec.rulesVersion).toMatch(/^\d{4}\.\d+\.\d+\+[0-9a-f]{12}$/);
    expect(rec.recommended).toBe('vm');
    expect(Object.keys(rec.verdicts).sort()).toEqual([...MODELS].sort());
    expect(rec.ranking).toHaveLength(5);
    expect(rec.ranking[0].model).toBe(rec.recommended);
    expect(typeof rec.summary).toBe('string');
    expect(rec.decidingRules.length).toBeGreaterThan(0);
    for (const rule of rec.decidingRules) expect(['for_pick', 'against_runner_up']).toContain(rule.role);
    for (const field of ['costCaveats', 'coldStartAdvice', 'whatWouldChange', 'changes', 'warnings'])
      expect(Array.isArray(rec[field]), field).toBe(true);

    // one estimate per model, in the models' order; the models a hard limit rules out have a reason and no figure
    expect(rec.costEstimates.map((e: { model: string }) => e.model)).toEqual([...MODELS]);
    for (const e of rec.costEstimates) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['model', 'cloud', 'monthlyUsd', 'committedMonthlyUsd', 'basis']));
      expect(e.cloud).toBe('aws');
      expect(typeof e.basis).toBe('string');
      if (e.notRunnable === undefined) {
        expect(typeof e.monthlyUsd).toBe('number');
      } else {
        expect(typeof e.notRunnable).toBe('string');
        expect([e.monthlyUsd, e.committedMonthlyUsd]).toEqual([null, null]);
        expect(rec.verdicts[e.model]).toBe('unsuitable');
      }
    }
    const ruledOut = rec.costEstimates.filter((e: { notRunnable?: string }) => e.notRunnable).map((e: { model: string }) => e.model);
    expect(ruledOut).toEqual(['serverless_containers', 'faas', 'wasm_edge']);
    expect(rec.costEstimates[0].committedMonthlyUsd).toBeGreaterThan(0);
    // functions cannot run it: no break-even
    expect(rec.breakEven).toBeNull();
    expect(rec.costCaveats.at(-1)).toBe(rec.costAssumptions);

    // the profile as used, and the defaults that stood in for the fields left out of the file
    const given = Object.keys(parseYaml(readFileSync(file, 'utf8')) as object);
    expect(rec.inputs.profile).toEqual(rec.profile);
    const defaulted: string[] = rec.inputs.defaultsApplied.map((d: { field: string }) => d.field);
    expect(defaulted).toEqual(expect.arrayContaining([...DEFAULTED_FIELDS].filter((f) => !given.includes(f))));
    for (const field of defaulted) expect(given).not.toContain(field);
    for (const d of rec.inputs.defaultsApplied) expect(typeof d.note).toBe('string');
    expect(rec.warnings).toEqual([]);
  });

  it('--json has a break-even when functions and an always-on model can both run the workload', () => {
    const rec = JSON.parse(runCli(['evaluate', '--json', 'examples/bursty-api.yaml']).stdout);
    expect(rec.breakEven).toMatchObject({ unit: 'requests_per_second', against: expect.any(String), alwaysOnUnit: expect.any(String) });
    expect(rec.breakEven.value).toBeGreaterThan(0);
    expect(rec.breakEven.currentVsBreakEven).toBeGreaterThan(0);
    expect(rec.costCaveats).toContainEqual(expect.stringMatching(/^Break-even: /));
    // memory was left out: the figures assume it
    expect(rec.inputs.defaultsApplied).toContainEqual(expect.objectContaining({ field: 'memoryMb', value: 512 }));
  });

  it('--json lists warnings for answers that contradict each other', () => {
    const input = JSON.stringify({
      name: 'w',
      kind: 'api',
      traffic: 'steady',
      avgRequestsPerSecond: 5,
      durationSeconds: 2,
      latencyTargetMs: 100,
    });
    const { code, stdout } = runCli(['evaluate', '--json', '-'], { input });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).warnings).toEqual([
      expect.stringMatching(/^The p99 target \(100 ms\) is shorter than one request takes \(2 s\)/),
    ]);
  });

  it('--markdown prints the verdict and cost tables and the new sections', () => {
    const { code, stdout } = runCli(['evaluate', '--markdown', 'examples/stateless-api.yaml']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^## Compute review: /m);
    expect(stdout).toContain('| | Model | Verdict | Reason |');
    expect(stdout).toContain('| Model | A month | Commitment / spot | How it was sized |');
    expect(stdout).toContain('\n### Based on your answers\n');
    expect(stdout).toContain('512 MB \\(assumed\\)');
  });

  it('- reads the profile from stdin (JSON works too)', () => {
    const { code, stdout } = runCli(['evaluate', '--json', '-'], {
      input: '{"name":"piped","kind":"batch_job","traffic":"scheduled","durationSeconds":7200}',
    });
    expect(code).toBe(0);
    const rec = JSON.parse(stdout);
    expect(rec.verdicts.faas).toBe('unsuitable');
    // no volume: no figures, but every model still has its entry
    expect(rec.costEstimates).toHaveLength(5);
    for (const e of rec.costEstimates) expect(e.monthlyUsd).toBeNull();
    expect(rec.inputs.defaultsApplied.map((d: { field: string }) => d.field)).toContain('state');
  });

  it('runs every example (in-process, same program as the bin)', async () => {
    for (const file of readdirSync('examples').filter((f) => /\.(ya?ml|json)$/.test(f))) {
      let out = '';
      let err = '';
      const code = await runProgram(['evaluate', `examples/${file}`], {
        out: (t) => (out += t),
        err: (t) => (err += t),
        readStdin: () => '',
        env: {},
      });
      expect({ file, code, err }).toEqual({ file, code: 0, err: '' });
      expect(out).toContain('Recommended: ');
    }
  });

  it.each([
    [
      'an invalid profile',
      ['evaluate', '-'],
      'name: x\nkind: apii\ntraffic: spiky\ndurationSeconds: -3\n',
      [/kind: got "apii"; allowed: api, web_app/, /traffic: got "spiky"; allowed: steady/, /durationSeconds: must be greater than 0/],
    ],
    ['unreadable YAML', ['evaluate', '-'], 'name: [unclosed\n', [/not valid YAML or JSON/]],
    ['a missing file', ['evaluate', 'no-such-profile.yaml'], '', [/no-such-profile.yaml: no such file/]],
    ['a missing required field', ['evaluate', '-'], 'name: x\nkind: api\n', [/traffic: missing; allowed:/, /durationSeconds: required/]],
    [
      'an unknown field',
      ['evaluate', '-'],
      'name: x\nkind: api\ntraffic: steady\ndurationSeconds: 1\ncolour: red\n',
      [/unknown field colour/],
    ],
  ])('exits 2 on %s, one line per problem, no stack trace', (_label, args, input, patterns) => {
    const { code, stdout, stderr } = runCli(args as string[], { input: input as string });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    for (const pattern of patterns as RegExp[]) expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

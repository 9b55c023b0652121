import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/core/models.js';
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
  });

  it('--json prints one object with the contract fields', () => {
    const { code, stdout } = runCli(['evaluate', '--json', 'examples/stateful-database.yaml']);
    expect(code).toBe(0);
    const rec = JSON.parse(stdout);
    expect(rec.rulesVersion).toMatch(/^\d{4}\.\d+\.\d+\+[0-9a-f]{12}$/);
    expect(rec.recommended).toBe('vm');
    expect(Object.keys(rec.verdicts).sort()).toEqual([...MODELS].sort());
    expect(rec.ranking).toHaveLength(5);
    expect(rec.ranking[0].model).toBe(rec.recommended);
    for (const field of ['costCaveats', 'coldStartAdvice', 'whatWouldChange']) expect(Array.isArray(rec[field])).toBe(true);
  });

  it('--markdown prints a Markdown table', () => {
    const { code, stdout } = runCli(['evaluate', '--markdown', 'examples/stateless-api.yaml']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^## Compute review: /m);
    expect(stdout).toContain('|');
  });

  it('- reads the profile from stdin (JSON works too)', () => {
    const { code, stdout } = runCli(['evaluate', '--json', '-'], { input: '{"name":"piped","kind":"batch_job","traffic":"scheduled","durationSeconds":7200}' });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).verdicts.faas).toBe('unsuitable');
  });

  it('runs every example (in-process, same program as the bin)', async () => {
    for (const file of readdirSync('examples').filter((f) => /\.(ya?ml|json)$/.test(f))) {
      let out = '';
      let err = '';
      const code = await runProgram(['evaluate', `examples/${file}`], { out: (t) => (out += t), err: (t) => (err += t), readStdin: () => '', env: {} });
      expect({ file, code, err }).toEqual({ file, code: 0, err: '' });
      expect(out).toContain('Recommended: ');
    }
  });

  it.each([
    ['an invalid profile', ['evaluate', '-'], 'name: x\nkind: apii\ntraffic: spiky\ndurationSeconds: -3\n', [/kind: got "apii"; allowed: api, web_app/, /traffic: got "spiky"; allowed: steady/, /durationSeconds: must be greater than 0/]],
    ['unreadable YAML', ['evaluate', '-'], 'name: [unclosed\n', [/not valid YAML or JSON/]],
    ['a missing file', ['evaluate', 'no-such-profile.yaml'], '', [/no-such-profile.yaml: no such file/]],
    ['a missing required field', ['evaluate', '-'], 'name: x\nkind: api\n', [/traffic: missing; allowed:/, /durationSeconds: required/]],
    ['an unknown field', ['evaluate', '-'], 'name: x\nkind: api\ntraffic: steady\ndurationSeconds: 1\ncolour: red\n', [/unknown field colour/]],
  ])('exits 2 on %s, one line per problem, no stack trace', (_label, args, input, patterns) => {
    const { code, stdout, stderr } = runCli(args as string[], { input: input as string });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    for (const pattern of patterns as RegExp[]) expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

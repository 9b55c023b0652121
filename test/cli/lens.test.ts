import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.js';

const ACME = 'examples/lenses/acme-platform.yaml';
const NORTHBANK = 'examples/lenses/northbank-data.yaml';
const dir = mkdtempSync(join(tmpdir(), 'compute-advice-lens-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEAD = 'name: cli-test\nversion: "0.1"\ndescription: A lens for the CLI tests\n';

describe('compute-advice lens check', () => {
  it('passes the example lenses, naming each with its version and hash', () => {
    const { code, stdout, stderr } = runCli(['lens', 'check', ACME, NORTHBANK]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: acme-platform 1\.2\.0 \(#[0-9a-f]{12}\)\nok: northbank-data 3\.0\.1 \(#[0-9a-f]{12}\)\n$/);
  });

  it('exits 2 with one line per problem, from every file, naming the path inside it', () => {
    const bad = file('bad.yaml', `${HEAD}defaults: { cloud: ibm }\nprices: { discounts: { azure: { vm: 2 } } }\n`);
    const worse = file('worse.yaml', 'name: [unclosed');
    const { code, stdout, stderr } = runCli(['lens', 'check', bad, worse]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      `error: ${bad}: defaults.cloud: got "ibm"; allowed: aws, azure, gcp`,
      `error: ${bad}: prices.discounts.azure.vm: a discount is a share of the list price, from 0 to 0.95`,
      expect.stringMatching(new RegExp(`^error: ${worse.replace(/[.]/g, '\\.')}: not valid YAML: `)),
    ]);
  });

  it('exits 2 on a file that is not there', () => {
    const { code, stderr } = runCli(['lens', 'check', join(dir, 'missing.yaml')]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${join(dir, 'missing.yaml')}: cannot read the lens (ENOENT)\n`);
  });
});

describe('compute-advice lens test', () => {
  it("runs the example lenses' cases and exits 0 when all pass", () => {
    for (const lens of [ACME, NORTHBANK]) {
      const { code, stdout } = runCli(['lens', 'test', lens]);
      expect(code, stdout).toBe(0);
      expect(stdout).toMatch(/^pass {2}\w[\w-]*: /m);
      expect(stdout).toMatch(/\n3 passed, 0 failed\n$/);
    }
  });

  it('exits 1 on a failing case and says what differed: the pick, and each verdict with the reason it got', () => {
    const lens = file(
      'failing.yaml',
      `${HEAD}tests:\n  - name: databases go to functions\n    profile: { kind: database, traffic: steady, durationSeconds: 1, state: local_persistent }\n    expect: { recommended: faas, verdicts: { faas: [optimal, good] } }\n`,
    );
    const { code, stdout, stderr } = runCli(['lens', 'test', lens]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^FAIL {2}cli-test: databases go to functions\n {8}recommended \w+, expected faas\n {8}faas is unsuitable, expected optimal or good \(.+\)\n0 passed, 1 failed\n$/,
    );
  });

  it('tests each lens against every lens given: a ban in one breaks a case of the other', () => {
    const { code, stdout } = runCli(['lens', 'test', ACME, NORTHBANK]);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL  northbank-data: public data at the edge is still allowed\n        recommended ');
  });
});

describe('compute-advice lens show', () => {
  it('prints the rules in force with the lenses applied, each naming where it comes from', () => {
    const { code, stdout } = runCli(['lens', 'show', ACME]);
    expect(code).toBe(0);
    const shown = parseYaml(stdout);
    expect(shown.rulesVersion).toMatch(/;acme-platform@1\.2\.0#[0-9a-f]{12}$/);
    expect(shown.lenses).toEqual([expect.objectContaining({ name: 'acme-platform', version: '1.2.0' })]);
    expect(shown.defaults).toEqual({ cloud: 'azure', existingCluster: true });
    expect(shown.discounts.azure.vm).toEqual({ share: 0.3, lens: 'acme-platform' });
    const byId = (id: string) => shown.rules.find((rule: { id: string }) => rule.id === id);
    expect(byId('acme_platform_bans_wasm_edge')).toMatchObject({ evidence: 'organisation_ban', from: 'lens acme-platform' });
    expect(byId('skills_none').from).toBe('the built-in rules, adjusted by lens acme-platform');
    expect(byId('faas_max_duration').from).toBe('the built-in rules');
  });

  it('reads LENS_PATHS when no file is given, as the server does', () => {
    const { code, stdout } = runCli(['lens', 'show'], { env: { LENS_PATHS: `${ACME},${NORTHBANK}` } });
    expect(code).toBe(0);
    const shown = parseYaml(stdout);
    expect(shown.lenses.map((lens: { name: string }) => lens.name)).toEqual(['acme-platform', 'northbank-data']);
    expect(shown.rules.find((rule: { id: string }) => rule.id === 'northbank_strict_isolation').from).toBe(
      'lens northbank-data, replacing isolation_strict',
    );
    expect(shown.rules.some((rule: { id: string }) => rule.id === 'fits_faas_free_tier')).toBe(false);
  });
});

describe('compute-advice evaluate --lens', () => {
  it('shows the ban, the golden paths, the discount and the lens in the footer', () => {
    const { code, stdout, stderr } = runCli(['evaluate', '--lens', ACME, 'examples/stateless-api.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('❌ WebAssembly at the edge: unsuitable. Acme runs no edge platform');
    expect(stdout).toContain('→ AKS golden path (shared cluster):');
    expect(stdout).toMatch(/less 30% \(lens\s+acme-platform\)/);
    expect(stdout).toMatch(/no cloud was named; Azure is the default of lens\s+acme-platform/);
    expect(stdout).toMatch(/prices changed by lens\s+acme-platform/);
    expect(stdout).toMatch(/Rules [^\n]*;acme-platform@1\.2\.0#[0-9a-f]{12} · Lens\s+acme-platform 1\.2\.0\n$/);
  });

  it('--json carries the lenses, their links and the lensed rulesVersion', () => {
    const { code, stdout } = runCli(['evaluate', '--json', '--lens', ACME, '--lens', NORTHBANK, 'examples/stateless-api.yaml']);
    expect(code).toBe(0);
    const rec = JSON.parse(stdout);
    expect(rec.rulesVersion).toMatch(/;acme-platform@1\.2\.0#\w{12};northbank-data@3\.0\.1#\w{12}$/);
    expect(rec.lenses).toEqual([
      { name: 'acme-platform', version: '1.2.0' },
      { name: 'northbank-data', version: '3.0.1' },
    ]);
    expect(rec.links.containers[0]).toEqual({
      title: 'AKS golden path (shared cluster)',
      url: 'https://wiki.acme.example/platform/aks-golden-path',
    });
    expect(rec.verdicts.wasm_edge).toBe('unsuitable');
  });

  it("checks custom answers against the lenses' questions, and applies LENS_PATHS without --lens", () => {
    const profile = file(
      'profile.yaml',
      'name: p\nkind: api\ntraffic: steady\ndurationSeconds: 0.1\ncustom: { data_classification: secret }\n',
    );
    const refused = runCli(['evaluate', '--lens', NORTHBANK, profile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^error: ${profile.replace(/[.]/g, '\\.')}: custom\\.data_classification: `));
    const unknown = runCli(['evaluate', profile]);
    expect(unknown.stderr).toContain('custom.data_classification: no active lens asks this; allowed: (none: no lens has questions)');
    const ok = file('ok.yaml', 'name: p\nkind: api\ntraffic: steady\ndurationSeconds: 0.1\ncustom: { data_classification: restricted }\n');
    const { code, stdout } = runCli(['evaluate', ok], { env: { LENS_PATHS: NORTHBANK } });
    expect(code).toBe(0);
    expect(stdout).toMatch(/data\s+classification:\s+Restricted/);
    expect(stdout).toMatch(/Lens\s+northbank-data 3\.0\.1\n$/);
  });
});

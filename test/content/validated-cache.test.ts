/**
 * The build caches the validated rules and prompts (src/content/validated-cache.ts) so start-up skips YAML and the
 * schemas. The cache must only ever return what validation would: these tests hold the built app to the same output
 * with and without it, and check that JSON keeps validation's result intact.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateInterviewScript } from '../../src/content/load-prompts.js';
import { contentFromValidated, readRuleTexts, validateRuleTexts, type ValidatedRules } from '../../src/content/load-rules.js';
import { recommend } from '../../src/core/recommend.js';
import { builtFile, REPO_ROOT } from '../helpers/built.js';
import { exampleFiles, loadExample } from '../core/decision-helpers.js';

describe('what the cache stores', () => {
  it('survives JSON unchanged: validated rules and prompts equal their JSON round trip', () => {
    const rules = validateRuleTexts(readRuleTexts());
    expect(JSON.parse(JSON.stringify(rules))).toEqual(rules);
    const prompts = validateInterviewScript(readFileSync(join(REPO_ROOT, 'prompts', 'interview.yaml'), 'utf8'), 'prompts/interview.yaml');
    expect(JSON.parse(JSON.stringify(prompts))).toEqual(prompts);
  });

  it('gives the same recommendation for every example as content validated afresh', () => {
    const texts = readRuleTexts();
    const valid = validateRuleTexts(texts);
    const fresh = contentFromValidated(valid, texts);
    const roundTripped = contentFromValidated(JSON.parse(JSON.stringify(valid)) as ValidatedRules, texts);
    for (const file of exampleFiles()) {
      const profile = loadExample(file);
      expect(recommend(roundTripped, profile), file).toEqual(recommend(fresh, profile));
    }
  });
});

describe('the built app, with and without the cache', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'compute-advice-cache-'));
    cpSync(join(REPO_ROOT, 'dist', 'src'), join(root, 'dist', 'src'), { recursive: true });
    cpSync(builtFile('content-cache.json'), join(root, 'dist', 'content-cache.json'));
    for (const folder of ['rules', 'prompts', 'examples']) cpSync(join(REPO_ROOT, folder), join(root, folder), { recursive: true });
    cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const evaluate = (file: string) => {
    const result = spawnSync(
      process.execPath,
      [join(root, 'dist', 'src', 'cli', 'main.js'), 'evaluate', '--json', join('examples', file)],
      {
        cwd: root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH },
        timeout: 30_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as unknown;
  };

  it('prints the same recommendation from the cache as from the YAML, and an edited rules file misses the cache', () => {
    const examples = ['stateless-api.yaml', 'gcp-gpu-inference.yaml', 'azure-nightly-etl.yaml'];
    const cached = examples.map(evaluate);
    const cachePath = join(root, 'dist', 'content-cache.json');
    const cache = readFileSync(cachePath, 'utf8');
    // A cache entry that lies about its data (same key, a different price): used only while the texts match.
    const tampered = JSON.parse(cache) as { rules: { data: { clouds: { aws: { vms: Array<{ onDemandPerHour: number }> } } } } };
    for (const vm of tampered.rules.data.clouds.aws.vms) vm.onDemandPerHour *= 10;
    writeFileSync(cachePath, JSON.stringify(tampered));
    const fromTampered = evaluate('stateless-api.yaml') as { costEstimates: Array<{ model: string; monthlyUsd: number }> };
    const vmFigure = (r: { costEstimates: Array<{ model: string; monthlyUsd: number }> }) =>
      r.costEstimates.find((e) => e.model === 'vm')!.monthlyUsd;
    expect(vmFigure(fromTampered)).toBeCloseTo(vmFigure(cached[0] as typeof fromTampered) * 10, 6);
    // Any edit to a rules file (here a comment) changes the key: the YAML is validated again and the tampered cache ignored.
    const rulesPath = join(root, 'rules', 'rules.yaml');
    writeFileSync(rulesPath, `${readFileSync(rulesPath, 'utf8')}\n# edited\n`);
    expect(vmFigure(evaluate('stateless-api.yaml') as typeof fromTampered)).toBeCloseTo(vmFigure(cached[0] as typeof fromTampered), 6);
    // Without a cache, the YAML gives the same recommendations as the cache did (rulesVersion aside: the edit changed it).
    rmSync(cachePath);
    writeFileSync(rulesPath, readFileSync(join(REPO_ROOT, 'rules', 'rules.yaml'), 'utf8'));
    expect(examples.map(evaluate)).toEqual(cached);
  });
});

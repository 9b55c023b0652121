import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadDecisionContent } from '../../src/content/load-rules.js';
import { WorkloadProfileSchema, type WorkloadProfile, type WorkloadProfileInput } from '../../src/core/profile.js';
import type { Verdict } from '../../src/core/models.js';
import type { DecisionContent } from '../../src/core/recommend.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** The two example lenses (examples/lenses/), in the order they are applied together. */
export const EXAMPLE_LENSES = ['acme-platform.yaml', 'northbank-data.yaml'].map((file) => join(EXAMPLES_DIR, 'lenses', file));

/** The shipped rules and prices, loaded once per test file. */
export const content: DecisionContent = loadDecisionContent();

/** A validated profile from a partial one: name, kind, traffic and duration default to a plain API. */
export function profileOf(overrides: Partial<WorkloadProfileInput> = {}): WorkloadProfile {
  return WorkloadProfileSchema.parse({ name: 'test-workload', kind: 'api', traffic: 'variable', durationSeconds: 0.2, ...overrides });
}

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
}

/** An example profile, parsed the way the CLI reads files (YAML is a superset of JSON) and validated. */
export function loadExample(file: string): WorkloadProfile {
  return WorkloadProfileSchema.parse(parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')));
}

/** The seed table's symbols: ✅ = optimal or good, ⚠️ = caution, ❌ = unsuitable. */
export type TableMark = '✅' | '⚠️' | '❌';

export function markOf(verdict: Verdict): TableMark {
  if (verdict === 'optimal' || verdict === 'good') return '✅';
  return verdict === 'caution' ? '⚠️' : '❌';
}

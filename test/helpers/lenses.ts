import { applyLenses, parseLens, type LensedContent } from '../../src/content/load-lenses.js';
import { loadInterviewScript } from '../../src/content/load-prompts.js';
import { loadValidatedRules } from '../../src/content/load-rules.js';
import { userFacingLines } from '../../src/errors.js';

const rules = loadValidatedRules();
const script = loadInterviewScript();

/** The head every test lens shares: a name, a version, a description and one policy to cite. */
export const LENS_HEAD = `
name: test-lens
version: "1.0.0"
description: A lens written by a test
sources:
  test_policy: { title: "Test Policy", url: "https://policy.example/test", read: "2026-12-01" }
`;

/** The shipped rules and interview with lenses given as YAML texts (named lens0.yaml, lens1.yaml, ... in errors). */
export function lensed(...texts: string[]): LensedContent {
  return applyLenses(
    rules.valid,
    rules.texts,
    script,
    texts.map((text, index) => parseLens(text, `lens${index}.yaml`)),
  );
}

/** The lines a person would read for a lens that fails to load or apply; fails the test if it loads. */
export function lensProblems(...texts: string[]): string[] {
  try {
    lensed(...texts);
  } catch (error) {
    const lines = userFacingLines(error);
    if (lines) return lines;
    throw error;
  }
  throw new Error('the lens loaded without a problem');
}

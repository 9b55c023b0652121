import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { applyLens, noLenses, type LensableContent } from '../core/apply-lenses.js';
import type { DecisionContent } from '../core/decision-content.js';
import { formatIssues } from '../core/format-issues.js';
import type { InterviewScript } from '../core/interview/question.js';
import { LensSchema, lensTag, type Lens, type LensInfo } from '../core/lens.js';
import { compileRuleSet } from '../core/rule-engine.js';
import { COST_FACT_NAMES } from '../core/workload-facts.js';
import { ContentError } from '../errors.js';
import { loadInterviewScript } from './load-prompts.js';
import { loadValidatedRules, parseYaml, rulesVersionOf, type RuleTexts, type ValidatedRules } from './load-rules.js';

/**
 * Organisation lenses from YAML files (docs/LENSES.md): each validated on its own, then applied over the built-in
 * content in order. A lens with any problem stops the load with one line per problem naming its file and the path
 * inside it; nothing is ever applied in part.
 */

/** A validated lens with what names it in rulesVersion and on cards. */
export interface LoadedLens {
  lens: Lens;
  /** The first 12 hex digits of the SHA-256 of the file's text. */
  hash: string;
  /** Where it was read from, for error lines. */
  source: string;
}

/** Validates one lens file's text; `source` names it in errors. */
export function parseLens(text: string, source: string): LoadedLens {
  const data = parseYaml(text, source);
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new ContentError(source, ['a lens is a mapping with name, version, description and what it changes (see docs/LENSES.md)']);
  const result = LensSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ContentError(source, formatIssues(result.error, '', 'brackets'));
  return { lens: result.data, hash: createHash('sha256').update(text).digest('hex').slice(0, 12), source };
}

export function readLens(path: string): LoadedLens {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ContentError(path, [`cannot read the lens (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  return parseLens(text, path);
}

function lensInfo(loaded: LoadedLens): LensInfo {
  const { name, version, description } = loaded.lens;
  return { name, version, description, hash: loaded.hash };
}

/** The decision content and the interview with the lenses applied, and the merged data `lens show` prints. */
export interface LensedContent {
  content: DecisionContent;
  script: InterviewScript;
  merged: LensableContent;
}

/** Applies the lenses in order over validated rules and the interview; rulesVersion names each lens and its hash. */
export function applyLenses(
  valid: ValidatedRules,
  texts: RuleTexts,
  script: InterviewScript,
  lenses: readonly LoadedLens[],
): LensedContent {
  let merged = noLenses({
    ruleSet: valid.ruleSet,
    references: valid.references,
    clouds: valid.clouds,
    edge: valid.edge,
    questions: script.questions,
  });
  for (const loaded of lenses) {
    const outcome = applyLens(merged, loaded.lens, lensInfo(loaded));
    if (!outcome.ok) throw new ContentError(loaded.source, outcome.problems);
    merged = outcome.content;
  }
  const tags = merged.effects.active.map(lensTag);
  const content: DecisionContent = {
    ruleSet: compileRuleSet(merged.ruleSet, [rulesVersionOf(valid.ruleSet.version, texts), ...tags].join(';'), COST_FACT_NAMES),
    prices: { clouds: merged.clouds, edge: merged.edge },
    platforms: valid.platforms,
    assumptions: valid.assumptions,
    references: merged.references,
  };
  if (lenses.length > 0) content.lenses = merged.effects;
  const lensedScript: InterviewScript =
    lenses.length > 0 ? { version: [script.version, ...tags].join(';'), questions: merged.questions } : script;
  return { content, script: lensedScript, merged };
}

/** The shipped rules and interview with the lens files at `paths` applied in order (none: the built-in content). */
export function loadLensedContent(paths: readonly string[], options: { rulesDir?: string; interviewPath?: string } = {}): LensedContent {
  const lenses = paths.map(readLens);
  const { valid, texts } = loadValidatedRules(options.rulesDir);
  return applyLenses(valid, texts, loadInterviewScript(options.interviewPath), lenses);
}

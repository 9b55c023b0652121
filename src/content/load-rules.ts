import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { z } from 'zod';
import { CLOUDS } from '../core/clouds.js';
import { CostAssumptionsSchema, type CostAssumptions } from '../core/cost-assumptions.js';
import type { DecisionContent } from '../core/decision-content.js';
import { formatIssues } from '../core/format-issues.js';
import { PlatformFactsSchema, type PlatformFacts } from '../core/platforms.js';
import { CloudPriceTableSchema, EdgePriceTableSchema, type CloudPriceTable, type EdgePriceTable } from '../core/price-table.js';
import { ruleProblems } from '../core/rule-checks.js';
import { compileRuleSet } from '../core/rule-engine.js';
import { ReferencesSchema, RuleSetSchema, type Reference, type RuleSet } from '../core/rule-set.js';
import { COST_FACT_NAMES } from '../core/workload-facts.js';
import { ContentError } from '../errors.js';
import { findRepoFile } from './find-repo-file.js';
import { cachedValidation } from './validated-cache.js';

export { KNOWN_FACTS } from '../core/rule-checks.js';

/** The files under rules/ that make up the decision content, relative to that folder. */
export const RULE_FILES = {
  rules: 'rules.yaml',
  sources: 'sources.yaml',
  costModel: 'cost-model.yaml',
  platforms: 'platforms.yaml',
  edgePrices: 'prices/cloudflare-workers.yaml',
  ...Object.fromEntries(CLOUDS.map((cloud) => [`prices.${cloud}`, `prices/${cloud}.yaml`])),
} as Record<string, string>;

/** File name -> text, for every entry of RULE_FILES. */
export type RuleTexts = Readonly<Record<string, string>>;

// Loaded on first use: a start-up served from the validation cache never parses YAML.
const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;

export function parseYaml(text: string, source: string): unknown {
  try {
    yaml ??= require('yaml') as typeof import('yaml');
    return yaml.parse(text);
  } catch (error) {
    throw new ContentError(source, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

function validate<T extends z.ZodType>(schema: T, text: string, source: string): z.infer<T> {
  const result = schema.safeParse(parseYaml(text, source), { reportInput: true });
  if (!result.success) throw new ContentError(source, formatIssues(result.error));
  return result.data;
}

/** The rule set, with every fact, source id and note placeholder it names checked against what exists. */
export function parseRuleSet(text: string, source: string, references: Readonly<Record<string, Reference>> = {}): RuleSet {
  const ruleSet = validate(RuleSetSchema, text, source);
  const problems = ruleSet.rules.flatMap((rule) => ruleProblems(rule, `rules.${rule.id}`, references));
  if (problems.length > 0) throw new ContentError(source, problems);
  return ruleSet;
}

/** rulesVersion = the rule set's version + a hash of every rules/ file, so a stored result traces to its exact content. */
export function rulesVersionOf(version: string, texts: RuleTexts): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(texts).sort()) hash.update(name).update('\0').update(texts[name]!).update('\0');
  return `${version}+${hash.digest('hex').slice(0, 12)}`;
}

/** The rules/ files after validation: plain data, before the rules are compiled. */
export interface ValidatedRules {
  references: Record<string, Reference>;
  ruleSet: RuleSet;
  clouds: Record<(typeof CLOUDS)[number], CloudPriceTable>;
  edge: EdgePriceTable;
  platforms: PlatformFacts;
  assumptions: CostAssumptions;
}

/** Parses and validates the texts of the rules/ files; `where` names them in errors. */
export function validateRuleTexts(texts: RuleTexts, where: (file: string) => string = (file) => `rules/${file}`): ValidatedRules {
  const text = (key: string) => {
    const file = RULE_FILES[key]!;
    const value = texts[file];
    if (value === undefined) throw new ContentError(where(file), ['missing']);
    return value;
  };
  const references = validate(ReferencesSchema, text('sources'), where(RULE_FILES.sources!));
  const ruleSet = parseRuleSet(text('rules'), where(RULE_FILES.rules!), references);
  const clouds = Object.fromEntries(
    CLOUDS.map((cloud) => {
      const file = RULE_FILES[`prices.${cloud}`]!;
      const table = validate(CloudPriceTableSchema, text(`prices.${cloud}`), where(file));
      if (table.cloud !== cloud) throw new ContentError(where(file), [`cloud: expected ${cloud}, got ${table.cloud}`]);
      return [cloud, table];
    }),
  ) as Record<(typeof CLOUDS)[number], CloudPriceTable>;
  return {
    references,
    ruleSet,
    clouds,
    edge: validate(EdgePriceTableSchema, text('edgePrices'), where(RULE_FILES.edgePrices!)),
    platforms: validate(PlatformFactsSchema, text('platforms'), where(RULE_FILES.platforms!)),
    assumptions: validate(CostAssumptionsSchema, text('costModel'), where(RULE_FILES.costModel!)),
  };
}

/** The validated rules/ files: the build's cached result for exactly these texts, else validated now. */
function validatedRules(texts: RuleTexts, where: (file: string) => string = (file) => `rules/${file}`): ValidatedRules {
  // The build validated exactly these texts with exactly this code: use its result (see validated-cache.ts).
  return cachedValidation<ValidatedRules>('rules', texts) ?? validateRuleTexts(texts, where);
}

/** Builds the decision content from the texts of the rules/ files; `where` names them in errors. */
export function buildDecisionContent(texts: RuleTexts, where: (file: string) => string = (file) => `rules/${file}`): DecisionContent {
  return contentFromValidated(validatedRules(texts, where), texts);
}

/** The decision content from validated rules data: the rules compiled, the rest as it is. */
export function contentFromValidated(valid: ValidatedRules, texts: RuleTexts): DecisionContent {
  return {
    ruleSet: compileRuleSet(valid.ruleSet, rulesVersionOf(valid.ruleSet.version, texts), COST_FACT_NAMES),
    prices: { clouds: valid.clouds, edge: valid.edge },
    platforms: valid.platforms,
    assumptions: valid.assumptions,
    references: valid.references,
  };
}

/** Reads every file of a rules/ folder (the shipped one by default). */
export function readRuleTexts(rulesDir: string = findRepoFile('rules')): RuleTexts {
  return Object.fromEntries(
    Object.values(RULE_FILES).map((file) => {
      const path = join(rulesDir, file);
      try {
        return [file, readFileSync(path, 'utf8')];
      } catch (error) {
        throw new ContentError(path, [`cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
      }
    }),
  );
}

export function loadDecisionContent(rulesDir?: string): DecisionContent {
  const dir = rulesDir ?? findRepoFile('rules');
  return buildDecisionContent(readRuleTexts(dir), (file) => join(dir, file));
}

/** The validated rules/ folder (the shipped one by default) and its texts, for applying lenses over it. */
export function loadValidatedRules(rulesDir?: string): { valid: ValidatedRules; texts: RuleTexts } {
  const dir = rulesDir ?? findRepoFile('rules');
  const texts = readRuleTexts(dir);
  return { valid: validatedRules(texts, (file) => join(dir, file)), texts };
}

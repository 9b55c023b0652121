import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { CLOUDS } from '../core/clouds.js';
import { conditionFields } from '../core/condition.js';
import { CostAssumptionsSchema } from '../core/cost-assumptions.js';
import type { DecisionContent } from '../core/decision-content.js';
import { formatIssues } from '../core/format-issues.js';
import { NOTE_PLACEHOLDERS, placeholdersIn } from '../core/note-text.js';
import { PlatformFactsSchema } from '../core/platforms.js';
import { CloudPriceTableSchema, EdgePriceTableSchema, type CloudPriceTable } from '../core/price-table.js';
import { PROFILE_FIELDS } from '../core/profile.js';
import { compileRuleSet } from '../core/rule-engine.js';
import { ReferencesSchema, RuleSetSchema, type Reference, type RuleSet } from '../core/rule-set.js';
import { COST_FACT_NAMES, DERIVED_FACT_NAMES } from '../core/workload-facts.js';
import { ContentError } from '../errors.js';
import { findRepoFile } from './find-repo-file.js';

export const KNOWN_FACTS: ReadonlySet<string> = new Set<string>([...PROFILE_FIELDS, ...DERIVED_FACT_NAMES, ...COST_FACT_NAMES]);

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

function parseYaml(text: string, source: string): unknown {
  try {
    return parse(text);
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
  const problems: string[] = [];
  for (const rule of ruleSet.rules) {
    const facts = [...conditionFields(rule.when)];
    for (const [model, effect] of Object.entries(rule.effects)) {
      if (typeof effect?.score === 'object') facts.push(effect.score.fact);
      for (const name of placeholdersIn(effect?.note ?? '')) {
        if (!NOTE_PLACEHOLDERS.has(name))
          problems.push(
            `rules.${rule.id}.effects.${model}.note: unknown placeholder {${name}}; allowed: ${[...NOTE_PLACEHOLDERS].join(', ')}`,
          );
      }
    }
    if (facts.some((fact) => COST_FACT_NAMES.has(fact)) && Object.values(rule.effects).some((effect) => effect?.cap !== undefined)) {
      problems.push(
        `rules.${rule.id}: a rule that reads a cost fact (${[...COST_FACT_NAMES].join(', ')}) cannot cap a model: costs are compared only among models the caps left`,
      );
    }
    for (const fact of facts) {
      if (!KNOWN_FACTS.has(fact)) problems.push(`rules.${rule.id}: unknown fact ${fact}; allowed: ${[...KNOWN_FACTS].join(', ')}`);
    }
    for (const ref of rule.sources) {
      if (!ref.id.includes('.') && ref.id !== 'prices' && !(ref.id in references)) {
        problems.push(
          `rules.${rule.id}.sources: unknown source ${ref.id}; allowed: ${Object.keys(references).join(', ')} (rules/sources.yaml), platform.*, prices`,
        );
      }
    }
  }
  if (problems.length > 0) throw new ContentError(source, problems);
  return ruleSet;
}

/** rulesVersion = the rule set's version + a hash of every rules/ file, so a stored result traces to its exact content. */
export function rulesVersionOf(version: string, texts: RuleTexts): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(texts).sort()) hash.update(name).update('\0').update(texts[name]!).update('\0');
  return `${version}+${hash.digest('hex').slice(0, 12)}`;
}

/** Builds the decision content from the texts of the rules/ files; `where` names them in errors. */
export function buildDecisionContent(texts: RuleTexts, where: (file: string) => string = (file) => `rules/${file}`): DecisionContent {
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
    ruleSet: compileRuleSet(ruleSet, rulesVersionOf(ruleSet.version, texts), COST_FACT_NAMES),
    prices: { clouds, edge: validate(EdgePriceTableSchema, text('edgePrices'), where(RULE_FILES.edgePrices!)) },
    platforms: validate(PlatformFactsSchema, text('platforms'), where(RULE_FILES.platforms!)),
    assumptions: validate(CostAssumptionsSchema, text('costModel'), where(RULE_FILES.costModel!)),
    references,
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

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatIssues } from '../core/format-issues.js';
import { PriceTableSchema, type PriceTable } from '../core/price-table.js';
import { PROFILE_FIELDS } from '../core/profile.js';
import { compileRuleSet, type CompiledRuleSet } from '../core/rule-engine.js';
import { RuleSetSchema, type RuleSet } from '../core/rule-set.js';
import { conditionFields } from '../core/condition.js';
import { DERIVED_FACT_NAMES } from '../core/workload-facts.js';
import type { DecisionContent } from '../core/recommend.js';
import { ContentError } from '../errors.js';
import { findRepoFile } from './find-repo-file.js';

export const KNOWN_FACTS: ReadonlySet<string> = new Set<string>([...PROFILE_FIELDS, ...DERIVED_FACT_NAMES]);

export interface RuleFiles {
  rulesPath?: string;
  pricesPath?: string;
}

function parseYaml(text: string, source: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new ContentError(source, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
}

export function parseRuleSet(text: string, source: string): RuleSet {
  const result = RuleSetSchema.safeParse(parseYaml(text, source), { reportInput: true });
  if (!result.success) throw new ContentError(source, formatIssues(result.error));
  const problems: string[] = [];
  for (const rule of result.data.rules) {
    for (const field of conditionFields(rule.when)) {
      if (!KNOWN_FACTS.has(field)) problems.push(`rules.${rule.id}.when: unknown fact ${field}; allowed: ${[...KNOWN_FACTS].join(', ')}`);
    }
  }
  if (problems.length > 0) throw new ContentError(source, problems);
  return result.data;
}

export function parsePriceTable(text: string, source: string): PriceTable {
  const result = PriceTableSchema.safeParse(parseYaml(text, source), { reportInput: true });
  if (!result.success) throw new ContentError(source, formatIssues(result.error));
  return result.data;
}

/** rulesVersion = the rule set's version + a hash of both files, so a stored result traces to its exact rules. */
export function rulesVersionOf(version: string, rulesText: string, pricesText: string): string {
  const hash = createHash('sha256').update(rulesText).update('\0').update(pricesText).digest('hex');
  return `${version}+${hash.slice(0, 12)}`;
}

export function buildDecisionContent(rulesText: string, pricesText: string, sources = { rules: 'rules/rules.yaml', prices: 'rules/prices.yaml' }): DecisionContent {
  const ruleSet = parseRuleSet(rulesText, sources.rules);
  const prices = parsePriceTable(pricesText, sources.prices);
  const compiled: CompiledRuleSet = compileRuleSet(ruleSet, rulesVersionOf(ruleSet.version, rulesText, pricesText));
  return { ruleSet: compiled, prices };
}

export function loadDecisionContent(files: RuleFiles = {}): DecisionContent {
  const rulesPath = files.rulesPath ?? findRepoFile('rules/rules.yaml');
  const pricesPath = files.pricesPath ?? findRepoFile('rules/prices.yaml');
  return buildDecisionContent(readFileSync(rulesPath, 'utf8'), readFileSync(pricesPath, 'utf8'), { rules: rulesPath, prices: pricesPath });
}

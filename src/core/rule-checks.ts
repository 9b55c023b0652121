import { conditionFields } from './condition.js';
import { NOTE_PLACEHOLDERS, placeholdersIn } from './note-text.js';
import { PROFILE_FIELDS } from './profile.js';
import type { Rule } from './rule-set.js';
import { COST_FACT_NAMES, DERIVED_FACT_NAMES } from './workload-facts.js';

/** The facts a rule may read: profile fields (custom answers go by custom.<id>), derived facts and cost facts. */
export const KNOWN_FACTS: ReadonlySet<string> = new Set<string>([
  ...PROFILE_FIELDS.filter((field) => field !== 'custom'),
  ...DERIVED_FACT_NAMES,
  ...COST_FACT_NAMES,
]);

/**
 * What the schema cannot see in one rule: facts that do not exist, note placeholders that do not exist, caps on a
 * rule that reads costs, sources that are not defined. One line per problem, each starting with `where`
 * (`rules.faas_max_duration`, or a lens file's `rules[2]`). `customFacts` are the custom.<id> facts lenses define.
 */
export function ruleProblems(
  rule: Pick<Rule, 'when' | 'effects' | 'sources'>,
  where: string,
  references: Readonly<Record<string, unknown>>,
  customFacts: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  const facts = [...conditionFields(rule.when)];
  for (const [model, effect] of Object.entries(rule.effects)) {
    if (typeof effect?.score === 'object') facts.push(effect.score.fact);
    for (const name of placeholdersIn(effect?.note ?? '')) {
      if (!NOTE_PLACEHOLDERS.has(name))
        problems.push(`${where}.effects.${model}.note: unknown placeholder {${name}}; allowed: ${[...NOTE_PLACEHOLDERS].join(', ')}`);
    }
  }
  if (facts.some((fact) => COST_FACT_NAMES.has(fact)) && Object.values(rule.effects).some((effect) => effect?.cap !== undefined)) {
    problems.push(
      `${where}: a rule that reads a cost fact (${[...COST_FACT_NAMES].join(', ')}) cannot cap a model: costs are compared only among models the caps left`,
    );
  }
  for (const fact of new Set(facts)) {
    if (!KNOWN_FACTS.has(fact) && !customFacts.has(fact)) {
      const custom = customFacts.size > 0 ? `, ${[...customFacts].join(', ')}` : '';
      problems.push(`${where}: unknown fact ${fact}; allowed: ${[...KNOWN_FACTS].join(', ')}${custom}`);
    }
  }
  for (const ref of rule.sources) {
    if (!ref.id.includes('.') && ref.id !== 'prices' && !(ref.id in references)) {
      problems.push(`${where}.sources: unknown source ${ref.id}; allowed: ${Object.keys(references).join(', ')}, platform.*, prices`);
    }
  }
  return problems;
}

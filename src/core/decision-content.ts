import type { CostAssumptions } from './cost-assumptions.js';
import type { PlatformFacts } from './platforms.js';
import type { PriceTables } from './price-table.js';
import type { CompiledRuleSet } from './rule-engine.js';
import type { Reference } from './rule-set.js';

/** Everything the decision core reads, loaded and cross-checked by src/content/load-rules.ts. */
export interface DecisionContent {
  ruleSet: CompiledRuleSet;
  prices: PriceTables;
  platforms: PlatformFacts;
  assumptions: CostAssumptions;
  references: Readonly<Record<string, Reference>>;
}

import type { Cloud } from './clouds.js';
import type { CostAssumptions } from './cost-assumptions.js';
import type { Question } from './interview/question.js';
import type { Link, LensInfo } from './lens.js';
import type { Model } from './models.js';
import type { PlatformFacts } from './platforms.js';
import type { PriceTables } from './price-table.js';
import type { ProfileField, WorkloadProfileInput } from './profile.js';
import type { CompiledRuleSet } from './rule-engine.js';
import type { Reference } from './rule-set.js';

/** A lens's discount off one model's list figures on one cloud. */
export interface Discount {
  share: number;
  /** The lens that gives it. */
  lens: string;
}

/** What the active organisation lenses add besides rules and prices (src/core/apply-lenses.ts). */
export interface LensEffects {
  /** In the order they were applied. */
  active: LensInfo[];
  /** Golden paths, templates, runbooks: shown on the card under each model. */
  links: Partial<Record<Model, Link[]>>;
  /** Profile defaults for fields a requester leaves out, and the lens each came from. */
  defaults: Partial<WorkloadProfileInput>;
  defaultedBy: Partial<Record<ProfileField, string>>;
  discounts: Partial<Record<Cloud, Partial<Record<Model, Discount>>>>;
  /** Per cloud, the lenses that changed its prices (a discount or a price entry), named on the assumptions line. */
  priceChangedBy: Partial<Record<Cloud, string[]>>;
  /** The lenses' own questions, asked after the built-in ones; their answers are the custom.<id> facts. */
  questions: Question[];
}

/** Everything the decision core reads, loaded and cross-checked by src/content/load-rules.ts. */
export interface DecisionContent {
  ruleSet: CompiledRuleSet;
  prices: PriceTables;
  platforms: PlatformFacts;
  assumptions: CostAssumptions;
  /** The documents rules cite: rules/sources.yaml, and the active lenses' own sources. */
  references: Readonly<Record<string, Reference>>;
  /** Absent without lenses. */
  lenses?: LensEffects;
}

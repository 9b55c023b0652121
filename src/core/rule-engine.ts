import { compileCondition, conditionFields, conditionThresholds, type CompiledCondition, type Facts } from './condition.js';
import { MODELS, verdictRank, type Model, type Verdict } from './models.js';
import type { RuleSet } from './rule-set.js';

export interface CompiledEffect {
  model: Model;
  score: number;
  cap?: Verdict;
  note?: string;
}

export interface CompiledRule {
  id: string;
  test: CompiledCondition;
  effects: CompiledEffect[];
  reason: string;
  source: string;
  /** Fact names the condition reads. */
  fields: string[];
  /** Numeric thresholds the condition compares facts with. */
  thresholds: Array<{ field: string; value: number }>;
  /** Models this rule rules out (caps unsuitable) when it fires. */
  rulesOut: Model[];
}

export interface CompiledRuleSet {
  rulesVersion: string;
  baseScore: number;
  thresholds: RuleSet['thresholds'];
  tieBreakOrder: Model[];
  rules: CompiledRule[];
}

export interface ModelOutcome {
  model: Model;
  /** Clamped to 0..100 and to the band of the verdict's cap. */
  score: number;
  rawScore: number;
  verdict: Verdict;
  cap?: Verdict;
}

export interface Evaluation {
  outcomes: Record<Model, ModelOutcome>;
  /** Best first: models not ruled out by a hard limit, then by score, then tieBreakOrder. */
  order: Model[];
  fired: CompiledRule[];
}

export function compileRuleSet(ruleSet: RuleSet, rulesVersion: string): CompiledRuleSet {
  return {
    rulesVersion,
    baseScore: ruleSet.baseScore,
    thresholds: ruleSet.thresholds,
    tieBreakOrder: ruleSet.tieBreakOrder,
    rules: ruleSet.rules.map((rule) => ({
      id: rule.id,
      test: compileCondition(rule.when),
      effects: MODELS.flatMap((model) => {
        const effect = rule.effects[model];
        if (!effect) return [];
        const compiled: CompiledEffect = { model, score: effect.score ?? 0 };
        if (effect.cap) compiled.cap = effect.cap;
        if (effect.note) compiled.note = effect.note;
        return [compiled];
      }),
      reason: rule.reason,
      source: rule.source,
      fields: [...new Set(conditionFields(rule.when))],
      thresholds: conditionThresholds(rule.when),
      rulesOut: MODELS.filter((model) => rule.effects[model]?.cap === 'unsuitable'),
    })),
  };
}

export function verdictForScore(score: number, thresholds: RuleSet['thresholds']): Verdict {
  if (score >= thresholds.optimal) return 'optimal';
  if (score >= thresholds.good) return 'good';
  if (score >= thresholds.caution) return 'caution';
  return 'unsuitable';
}

/** The highest score a capped model may show, so that scores, verdicts and the ranking always sort the same way. */
function ceilingFor(cap: Verdict | undefined, thresholds: RuleSet['thresholds']): number {
  switch (cap) {
    case 'good': return thresholds.optimal - 1;
    case 'caution': return thresholds.good - 1;
    // Ruled out by a hard limit: no score at all, so it sorts below every model that merely scored low.
    case 'unsuitable': return 0;
    default: return 100;
  }
}

/** Pure and deterministic: the same rule set and facts always give the same evaluation. */
export function evaluateRules(ruleSet: CompiledRuleSet, facts: Facts): Evaluation {
  const raw: Record<Model, number> = { vm: ruleSet.baseScore, containers: ruleSet.baseScore, serverless_containers: ruleSet.baseScore, faas: ruleSet.baseScore, wasm_edge: ruleSet.baseScore };
  const caps: Partial<Record<Model, Verdict>> = {};
  const fired: CompiledRule[] = [];
  for (const rule of ruleSet.rules) {
    if (!rule.test(facts)) continue;
    fired.push(rule);
    for (const effect of rule.effects) {
      raw[effect.model] += effect.score;
      if (effect.cap) {
        const current = caps[effect.model];
        caps[effect.model] = current === undefined || verdictRank(effect.cap) > verdictRank(current) ? effect.cap : current;
      }
    }
  }
  const outcomes = {} as Record<Model, ModelOutcome>;
  for (const model of MODELS) {
    const cap = caps[model];
    const score = Math.max(0, Math.min(raw[model], ceilingFor(cap, ruleSet.thresholds)));
    const outcome: ModelOutcome = { model, score, rawScore: raw[model], verdict: verdictForScore(score, ruleSet.thresholds) };
    if (cap) outcome.cap = cap;
    outcomes[model] = outcome;
  }
  // A model a hard limit ruled out ranks below every model that merely scored low.
  const ruledOut = (m: Model) => (outcomes[m].cap === 'unsuitable' ? 1 : 0);
  const order = [...ruleSet.tieBreakOrder].sort(
    (a, b) => ruledOut(a) - ruledOut(b) || outcomes[b].score - outcomes[a].score || ruleSet.tieBreakOrder.indexOf(a) - ruleSet.tieBreakOrder.indexOf(b),
  );
  return { outcomes, order, fired };
}

/**
 * Models already ruled out (capped unsuitable) by what is known so far.
 * Only rules whose every fact is known take part, so an unanswered question never rules anything out.
 */
export function ruledOutModels(ruleSet: CompiledRuleSet, known: Facts): Set<Model> {
  const out = new Set<Model>();
  const facts = known as Record<string, unknown>;
  rules: for (const rule of ruleSet.rules) {
    if (rule.rulesOut.length === 0) continue;
    for (const field of rule.fields) if (facts[field] === undefined) continue rules;
    if (!rule.test(known)) continue;
    for (const model of rule.rulesOut) out.add(model);
  }
  return out;
}


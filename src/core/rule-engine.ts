import { compileCondition, conditionFields, conditionThresholds, type CompiledCondition, type Condition, type Facts } from './condition.js';
import { MODELS, verdictRank, type Model, type Verdict } from './models.js';
import { HARD_EVIDENCE, type Evidence, type RuleSet, type ScoreCurve, type SourceRef } from './rule-set.js';

export interface CompiledEffect {
  model: Model;
  /** A fixed score; 0 when the effect has a curve or only a cap. */
  score: number;
  curve?: ScoreCurve;
  cap?: Verdict;
  note?: string;
}

export interface CompiledRule {
  id: string;
  /** The condition as written, for the compiled fast path (lean-rules.ts). */
  when: Condition;
  evidence: Evidence;
  /** Hard evidence: the rule may rule a model out. */
  hard: boolean;
  test: CompiledCondition;
  effects: CompiledEffect[];
  reason: string;
  sources: SourceRef[];
  /** Fact names the condition and the score curves read. */
  fields: string[];
  /** Numeric points where the rule's effect changes: condition thresholds and curve points. */
  thresholds: Array<{ field: string; value: number }>;
  /** Models this rule rules out (caps unsuitable) when it fires. */
  rulesOut: Model[];
  /** Reads a fact known only once the first pass has ruled models out (their cost against the ones that can run). */
  late: boolean;
}

export interface CompiledRuleSet {
  rulesVersion: string;
  baseScore: number;
  thresholds: RuleSet['thresholds'];
  tieMargin: number;
  tieBreakOrder: Model[];
  rules: CompiledRule[];
}

/** What one fired rule did to one model. */
export interface Contribution {
  rule: CompiledRule;
  effect: CompiledEffect;
  /** The score it added (a curve's value at the fact). */
  score: number;
}

export interface ModelOutcome {
  model: Model;
  /** Clamped to 0..100 and to the band of the verdict's cap. */
  score: number;
  rawScore: number;
  verdict: Verdict;
  cap?: Verdict;
  /** The rule whose cap binds (the strictest one). */
  capRule?: CompiledRule;
  /** A rule that rules the model out on a hard fact other than the framework table: it cannot run the workload. */
  blockedBy?: CompiledRule;
  contributions: Contribution[];
}

/** Leaders within the tie margin: the order among them came from cost, then tieBreakOrder. */
export interface Tie {
  models: Model[];
  /** cost: the cheapest went first; score: the higher score stood (costs too close); order: equal scores, fixed order. */
  decidedBy: 'cost' | 'score' | 'order';
}

export interface Evaluation {
  outcomes: Record<Model, ModelOutcome>;
  /** Best first: models not ruled out, by score, leaders within the tie margin by cost, then tieBreakOrder. */
  order: Model[];
  fired: CompiledRule[];
  tie: Tie | null;
}

/**
 * Facts that depend on which models can run at all: the first pass decides that, then these are computed and the
 * rules that read them run. Caps in such rules would be circular, so the loader refuses them.
 */
export type LateFacts = (outcomes: Readonly<Record<Model, ModelOutcome>>) => Facts;

export function compileRuleSet(ruleSet: RuleSet, rulesVersion: string, lateFactNames: ReadonlySet<string> = new Set()): CompiledRuleSet {
  return {
    rulesVersion,
    baseScore: ruleSet.baseScore,
    thresholds: ruleSet.thresholds,
    tieMargin: ruleSet.tieMargin,
    tieBreakOrder: ruleSet.tieBreakOrder,
    rules: ruleSet.rules.map((rule) => {
      const effects = MODELS.flatMap((model) => {
        const effect = rule.effects[model];
        if (!effect) return [];
        const compiled: CompiledEffect = { model, score: typeof effect.score === 'number' ? effect.score : 0 };
        if (typeof effect.score === 'object') compiled.curve = effect.score;
        if (effect.cap) compiled.cap = effect.cap;
        if (effect.note) compiled.note = effect.note;
        return [compiled];
      });
      const curves = effects.flatMap((e) => (e.curve ? [e.curve] : []));
      const fields = [...new Set([...conditionFields(rule.when), ...curves.map((c) => c.fact)])];
      return {
        id: rule.id,
        when: rule.when,
        evidence: rule.evidence,
        hard: HARD_EVIDENCE.has(rule.evidence),
        test: compileCondition(rule.when),
        effects,
        reason: rule.reason,
        sources: rule.sources,
        fields,
        thresholds: [...conditionThresholds(rule.when), ...curves.flatMap((c) => c.points.map(([x]) => ({ field: c.fact, value: x })))],
        rulesOut: MODELS.filter((model) => rule.effects[model]?.cap === 'unsuitable'),
        late: fields.some((field) => lateFactNames.has(field)),
      };
    }),
  };
}

/** Straight lines between the points, flat beyond the ends; 0 when the fact is unknown. */
export function curveValue(curve: ScoreCurve, facts: Facts): number {
  const x = (facts as Readonly<Record<string, unknown>>)[curve.fact];
  if (typeof x !== 'number' || Number.isNaN(x)) return 0;
  const points = curve.points;
  const first = points[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (x <= x1) {
      const [x0, y0] = points[i - 1]!;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1]![1];
}

export function effectScore(effect: CompiledEffect, facts: Facts): number {
  return effect.curve ? curveValue(effect.curve, facts) : effect.score;
}

/** Soft evidence never sinks a model below caution: only a cap says unsuitable. */
export function verdictForScore(score: number, thresholds: RuleSet['thresholds']): Verdict {
  if (score >= thresholds.optimal) return 'optimal';
  if (score >= thresholds.good) return 'good';
  return 'caution';
}

/** The highest score a capped model may show, so that scores, verdicts and the ranking always sort the same way. */
export function ceilingFor(cap: Verdict | undefined, thresholds: RuleSet['thresholds']): number {
  switch (cap) {
    case 'good':
      return thresholds.optimal - 1;
    case 'caution':
      return thresholds.good - 1;
    // Ruled out by a hard fact: no score at all, so it sorts below every model that merely scored low.
    case 'unsuitable':
      return 0;
    default:
      return 100;
  }
}

/**
 * Pure and deterministic: the same rule set, facts and costs always give the same evaluation.
 * `monthlyCost` breaks ties between leaders within the margin before the fixed order does.
 */
export function evaluateRules(
  ruleSet: CompiledRuleSet,
  facts: Facts,
  monthlyCost?: (model: Model) => number | null,
  lateFacts?: LateFacts,
  /** Keep each rule's contribution for explanations. */
  explain = true,
): Evaluation {
  const outcomes = {} as Record<Model, ModelOutcome>;
  for (const model of MODELS) outcomes[model] = { model, score: 0, rawScore: ruleSet.baseScore, verdict: 'caution', contributions: [] };
  const fired: CompiledRule[] = [];
  const record = (outcome: ModelOutcome, rule: CompiledRule, effect: CompiledEffect, score: number) => {
    outcome.rawScore += score;
    if (explain) outcome.contributions.push({ rule, effect, score });
    if (effect.cap && (outcome.cap === undefined || capOutranks(effect.cap, rule, outcome))) {
      outcome.cap = effect.cap;
      outcome.capRule = rule;
    }
    if (effect.cap === 'unsuitable' && rule.evidence !== 'framework_table' && !outcome.blockedBy) outcome.blockedBy = rule;
  };
  const apply = (rule: CompiledRule, on: Facts) => {
    if (!rule.test(on)) return;
    fired.push(rule);
    for (const effect of rule.effects) record(outcomes[effect.model], rule, effect, effectScore(effect, on));
  };
  for (const rule of ruleSet.rules) if (!rule.late) apply(rule, facts);
  settle(ruleSet, outcomes);
  if (lateFacts) {
    // The facts object already holds a slot for each late fact: filling them keeps its shape (and the lookups fast).
    Object.assign(facts, lateFacts(outcomes));
    for (const rule of ruleSet.rules) if (rule.late) apply(rule, facts);
    settle(ruleSet, outcomes);
  }
  const { order, tie } = rankModels(
    ruleSet,
    (m) => outcomes[m],
    (m) => outcomes[m].blockedBy !== undefined,
    monthlyCost,
  );
  return { outcomes, order, fired, tie };
}

/**
 * The stricter cap wins; between equally strict caps, the one that says most about the workload: an organisation's
 * ban, then the state model, then a platform limit (the model cannot run it at all), then the decision framework
 * table's judgement.
 */
const CAP_PRIORITY: Record<string, number> = { organisation_ban: 4, state_model: 3, platform_limit: 2, framework_table: 1, soft: 0 };
function capOutranks(cap: Verdict, rule: CompiledRule, outcome: ModelOutcome): boolean {
  const current = outcome.cap!;
  if (verdictRank(cap) !== verdictRank(current)) return verdictRank(cap) > verdictRank(current);
  return (CAP_PRIORITY[rule.evidence] ?? 0) > (CAP_PRIORITY[outcome.capRule?.evidence ?? 'soft'] ?? 0);
}

function settle(ruleSet: CompiledRuleSet, outcomes: Record<Model, ModelOutcome>): void {
  for (const model of MODELS) {
    const outcome = outcomes[model];
    outcome.score = Math.max(0, Math.min(outcome.rawScore, ceilingFor(outcome.cap, ruleSet.thresholds)));
    const byScore = verdictForScore(outcome.score, ruleSet.thresholds);
    outcome.verdict = outcome.cap !== undefined && verdictRank(outcome.cap) > verdictRank(byScore) ? outcome.cap : byScore;
  }
}

/** A cheaper tied model goes first only when it saves at least this share of the score leader's figure. */
const TIE_COST_SAVING = 0.1;

/**
 * Best first: models not ruled out, by score; ruled out by the framework table's judgement above ruled out by a limit
 * (if nothing fits, it is the nearest); the fixed order for equal keys. Leaders within the margin (same verdict) are a
 * tie: the cheapest of them goes first when it is clearly cheaper than the score leader, otherwise the score order stands.
 */
export function rankModels(
  ruleSet: CompiledRuleSet,
  standing: (model: Model) => { verdict: Verdict; score: number },
  blocked: (model: Model) => boolean,
  monthlyCost?: (model: Model) => number | null,
): { order: Model[]; tie: Tie | null } {
  // Each model's standing read once, then the fixed order stably sorted: equal keys keep it.
  const entries = ruleSet.tieBreakOrder.map((model) => {
    const { verdict, score } = standing(model);
    return { model, verdict, score, ruledOut: verdict === 'unsuitable' ? (blocked(model) ? 2 : 1) : 0 };
  });
  entries.sort((a, b) => a.ruledOut - b.ruledOut || b.score - a.score);
  const order = entries.map((e) => e.model);
  const leader = entries[0]!;
  if (leader.verdict === 'unsuitable') return { order, tie: null };
  let size = 1;
  while (size < entries.length) {
    const next = entries[size]!;
    if (next.verdict !== leader.verdict || leader.score - next.score > ruleSet.tieMargin) break;
    size++;
  }
  if (size === 1) return { order, tie: null };
  const group = order.slice(0, size);
  const costOf = (m: Model) => monthlyCost?.(m) ?? null;
  let cheapest: Model | undefined;
  let cheapestCost = Infinity;
  for (const model of group) {
    const cost = costOf(model);
    if (cost !== null && cost < cheapestCost) {
      cheapest = model;
      cheapestCost = cost;
    }
  }
  const leaderCost = costOf(group[0]!);
  if (cheapest !== undefined && cheapest !== group[0] && leaderCost !== null && cheapestCost <= leaderCost * (1 - TIE_COST_SAVING)) {
    order.splice(order.indexOf(cheapest), 1);
    order.unshift(cheapest);
    return { order, tie: { models: [cheapest, ...group.filter((m) => m !== cheapest)], decidedBy: 'cost' } };
  }
  return { order, tie: { models: group, decidedBy: entries[1]!.score === leader.score ? 'order' : 'score' } };
}

/**
 * rankModels's first model without sorting: the best by exclusion, score and the fixed order, then the tie rule (the
 * cheapest leader within the margin goes first when it is clearly cheaper). A property test holds the two together.
 */
export function leaderOf(
  ruleSet: CompiledRuleSet,
  standing: (model: Model) => { verdict: Verdict; score: number },
  blocked: (model: Model) => boolean,
  monthlyCost: (model: Model) => number | null,
): Model {
  let leader = ruleSet.tieBreakOrder[0]!;
  let leaderOut = 3;
  let leaderScore = -Infinity;
  let leaderVerdict: Verdict = 'unsuitable';
  for (const model of ruleSet.tieBreakOrder) {
    const { verdict, score } = standing(model);
    const out = verdict === 'unsuitable' ? (blocked(model) ? 2 : 1) : 0;
    if (out < leaderOut || (out === leaderOut && score > leaderScore)) {
      leader = model;
      leaderOut = out;
      leaderScore = score;
      leaderVerdict = verdict;
    }
  }
  if (leaderVerdict === 'unsuitable') return leader;
  // Among the tied leaders, the cheapest; between equal costs, the one rankModels puts first (higher score, then order).
  let cheapest: Model | undefined;
  let cheapestCost = Infinity;
  let cheapestScore = -Infinity;
  for (const model of ruleSet.tieBreakOrder) {
    const { verdict, score } = standing(model);
    if (verdict !== leaderVerdict || leaderScore - score > ruleSet.tieMargin) continue;
    const cost = monthlyCost(model);
    if (cost !== null && (cost < cheapestCost || (cost === cheapestCost && score > cheapestScore))) {
      cheapest = model;
      cheapestCost = cost;
      cheapestScore = score;
    }
  }
  const leaderCost = monthlyCost(leader);
  return cheapest !== undefined && cheapest !== leader && leaderCost !== null && cheapestCost <= leaderCost * (1 - TIE_COST_SAVING)
    ? cheapest
    : leader;
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

import { compileCondition, conditionFields, conditionThresholds, type CompiledCondition, type Facts } from './condition.js';
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
function ceilingFor(cap: Verdict | undefined, thresholds: RuleSet['thresholds']): number {
  switch (cap) {
    case 'good': return thresholds.optimal - 1;
    case 'caution': return thresholds.good - 1;
    // Ruled out by a hard fact: no score at all, so it sorts below every model that merely scored low.
    case 'unsuitable': return 0;
    default: return 100;
  }
}

/** Where an evaluation may start from: a full (explained) evaluation of a profile that differs only in `changed` rules. */
export interface IncrementalStart {
  base: Evaluation;
  /** The rules whose facts may differ from the base's: only these (and the late rules) are run again. */
  changed: ReadonlySet<CompiledRule>;
}

/**
 * Pure and deterministic: the same rule set, facts and costs always give the same evaluation.
 * `monthlyCost` breaks ties between leaders within the margin before the fixed order does.
 * With `from`, the rules whose facts did not change keep the base evaluation's contributions: the what-would-change
 * search changes one answer at a time and would otherwise run every rule again for every probe.
 */
export function evaluateRules(
  ruleSet: CompiledRuleSet,
  facts: Facts,
  monthlyCost?: (model: Model) => number | null,
  lateFacts?: LateFacts,
  /** Keep each rule's contribution for explanations; the what-would-change search needs only the order. */
  explain = true,
  from?: IncrementalStart,
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
  if (from) {
    // Replay the base's unchanged, early rules in rule order (caps and firing order come out as a full run's would).
    const byRule = contributionsByRule(from.base);
    for (const rule of ruleSet.rules) {
      if (rule.late) continue;
      if (from.changed.has(rule)) apply(rule, facts);
      else {
        const kept = byRule.get(rule);
        if (!kept) continue;
        fired.push(rule);
        for (const c of kept) record(outcomes[c.effect.model], rule, c.effect, c.score);
      }
    }
  } else {
    for (const rule of ruleSet.rules) if (!rule.late) apply(rule, facts);
  }
  settle(ruleSet, outcomes);
  if (lateFacts) {
    // The facts object already holds a slot for each late fact: filling them keeps its shape (and the lookups fast).
    Object.assign(facts, lateFacts(outcomes));
    for (const rule of ruleSet.rules) if (rule.late) apply(rule, facts);
    settle(ruleSet, outcomes);
  }
  // Ruled out by the framework table's judgement ranks above ruled out by a limit: if nothing fits, it is the nearest.
  const ruledOut = (m: Model) => (outcomes[m].verdict === 'unsuitable' ? (outcomes[m].blockedBy ? 2 : 1) : 0);
  const orderIndex = (m: Model) => ruleSet.tieBreakOrder.indexOf(m);
  // The fixed order first, then a stable sort: equal keys keep it.
  const order = [...ruleSet.tieBreakOrder].sort((a, b) => ruledOut(a) - ruledOut(b) || outcomes[b].score - outcomes[a].score);
  const tie = breakTie(order, outcomes, ruleSet.tieMargin, orderIndex, monthlyCost);
  return { outcomes, order, fired, tie };
}

const BY_RULE = new WeakMap<Evaluation, Map<CompiledRule, Contribution[]>>();

/** A base evaluation's contributions grouped by the rule that made them (fired rules only), built once per base. */
function contributionsByRule(base: Evaluation): Map<CompiledRule, Contribution[]> {
  let byRule = BY_RULE.get(base);
  if (!byRule) {
    byRule = new Map(base.fired.map((rule) => [rule, []]));
    for (const model of MODELS) for (const c of base.outcomes[model].contributions) byRule.get(c.rule)?.push(c);
    BY_RULE.set(base, byRule);
  }
  return byRule;
}

/**
 * The stricter cap wins; between equally strict caps, the one that says most about the workload: an organisation's
 * ban, then the state model, then the decision framework table, then a platform limit.
 */
const CAP_PRIORITY: Record<string, number> = { organisation_ban: 4, state_model: 3, framework_table: 2, platform_limit: 1, soft: 0 };
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
 * Leaders within the margin (same verdict) are a tie: the cheapest of them goes first when it is clearly cheaper than
 * the score leader, otherwise the score order stands, with the fixed order for equal scores.
 */
function breakTie(
  order: Model[],
  outcomes: Record<Model, ModelOutcome>,
  margin: number,
  orderIndex: (m: Model) => number,
  monthlyCost: ((model: Model) => number | null) | undefined,
): Tie | null {
  const leader = outcomes[order[0]!];
  if (leader.verdict === 'unsuitable') return null;
  let size = 1;
  while (size < order.length) {
    const next = outcomes[order[size]!];
    if (next.verdict !== leader.verdict || leader.score - next.score > margin) break;
    size++;
  }
  if (size === 1) return null;
  const group = order.slice(0, size);
  const leaderCost = monthlyCost?.(group[0]!) ?? null;
  let cheapest: Model | undefined;
  for (const model of group) {
    const cost = monthlyCost?.(model) ?? null;
    if (cost === null) continue;
    const best = cheapest === undefined ? null : monthlyCost!(cheapest);
    if (best === null || best === undefined || cost < best || (cost === best && orderIndex(model) < orderIndex(cheapest!))) cheapest = model;
  }
  const cheaperEnough = cheapest !== undefined && cheapest !== group[0] && leaderCost !== null && monthlyCost!(cheapest)! <= leaderCost * (1 - TIE_COST_SAVING);
  if (cheaperEnough) {
    order.splice(order.indexOf(cheapest!), 1);
    order.unshift(cheapest!);
    return { models: group.includes(cheapest!) ? [cheapest!, ...group.filter((m) => m !== cheapest)] : group, decidedBy: 'cost' };
  }
  const equalScores = outcomes[group[1]!].score === leader.score;
  return { models: group, decidedBy: equalScores ? 'order' : 'score' };
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

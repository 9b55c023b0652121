import { coldStartAdvice } from './cold-start.js';
import { costCaveatLines, estimateMonthlyCosts, faasBreakEven } from './cost-estimate.js';
import { MODEL_LABELS, MODELS, type Model, type Verdict } from './models.js';
import type { PriceTable } from './price-table.js';
import type { WorkloadProfile } from './profile.js';
import type { FiredRule, RankedModel, Recommendation } from './recommendation.js';
import { evaluateRules, type CompiledRule, type CompiledRuleSet, type Evaluation } from './rule-engine.js';
import { findAnswerChanges } from './what-would-change.js';
import { deriveFacts } from './workload-facts.js';

/** The loaded rules and prices; built by src/content/load-rules.ts. */
export interface DecisionContent {
  ruleSet: CompiledRuleSet;
  prices: PriceTable;
}

const MAX_REASONS_PER_MODEL = 4;

/** Rules and facts only: the cheap part, used for ranking and the what-would-change search. */
export function evaluateProfile(content: DecisionContent, profile: WorkloadProfile): Evaluation {
  return evaluateRules(content.ruleSet, deriveFacts(profile, content.prices));
}

/** The whole recommendation for a validated profile. Pure and deterministic. */
export function recommend(content: DecisionContent, profile: WorkloadProfile): Recommendation {
  const facts = deriveFacts(profile, content.prices);
  const evaluation = evaluateRules(content.ruleSet, facts);
  const [recommended, runnerUp] = evaluation.order as [Model, Model, ...Model[]];
  const ranking: RankedModel[] = evaluation.order.map((model) => ({
    model,
    verdict: evaluation.outcomes[model].verdict,
    score: evaluation.outcomes[model].score,
    reasons: reasonsFor(model, evaluation.outcomes[model].verdict, evaluation.fired),
  }));
  const verdicts = Object.fromEntries(MODELS.map((m) => [m, evaluation.outcomes[m].verdict])) as Record<Model, Verdict>;

  const estimates = estimateMonthlyCosts(profile, facts, content.prices);
  const breakEven = faasBreakEven(facts, content.prices);
  const shortlist = ranking.filter((r) => r.verdict !== 'unsuitable').slice(0, 3).map((r) => r.model);
  const changes = findAnswerChanges(profile, recommended, content.ruleSet, content.prices, facts.faasBreakEvenPerSecond, (changed) => evaluateProfile(content, changed).order[0] as Model);

  return {
    rulesVersion: content.ruleSet.rulesVersion,
    profile,
    recommended,
    verdicts,
    ranking,
    summary: summaryFor(recommended, runnerUp, evaluation),
    decidingRules: decidingRules(recommended, runnerUp, evaluation),
    costEstimates: estimates,
    breakEven,
    costCaveats: costCaveatLines(profile, facts, content.prices, estimates, shortlist, breakEven),
    coldStartAdvice: coldStartAdvice(profile, facts, content.prices, [recommended, runnerUp]),
    whatWouldChange: changes.map((c) => c.text),
    changes,
  };
}

/** Caps first (they decide); then what pushed the model toward its verdict: drawbacks for caution or worse, strengths otherwise. */
function reasonsFor(model: Model, verdict: Verdict, fired: CompiledRule[]): string[] {
  const sign = verdict === 'caution' || verdict === 'unsuitable' ? -1 : 1;
  const effects = fired.flatMap((rule) => rule.effects.filter((e) => e.model === model).map((effect) => ({ rule, effect })));
  effects.sort(
    (a, b) =>
      Number(Boolean(b.effect.cap)) - Number(Boolean(a.effect.cap)) ||
      Number(Math.sign(b.effect.score) === sign) - Number(Math.sign(a.effect.score) === sign) ||
      Math.abs(b.effect.score) - Math.abs(a.effect.score),
  );
  return effects.slice(0, MAX_REASONS_PER_MODEL).map(({ rule, effect }) => effect.note ?? rule.reason);
}

function summaryFor(recommended: Model, runnerUp: Model, evaluation: Evaluation): string {
  const effectOn = (rule: CompiledRule, model: Model) => rule.effects.find((e) => e.model === model)?.score ?? 0;
  const best = evaluation.fired
    .filter((rule) => effectOn(rule, recommended) > 0)
    .sort((a, b) => effectOn(b, recommended) - effectOn(b, runnerUp) - (effectOn(a, recommended) - effectOn(a, runnerUp)) || effectOn(b, recommended) - effectOn(a, recommended))[0];
  const label = MODEL_LABELS[recommended];
  const lead = label.charAt(0).toUpperCase() + label.slice(1);
  return best ? `${lead} fit best: ${lowerFirst(best.reason)}` : `${lead} fit best: no other model does better on the answers given.`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The three to five rules that separated the pick from the runner-up, or ruled out a model that would have won. */
function decidingRules(recommended: Model, runnerUp: Model, evaluation: Evaluation): FiredRule[] {
  const pickScore = evaluation.outcomes[recommended].score;
  const scored = evaluation.fired.map((rule) => {
    const on = (m: Model) => rule.effects.find((e) => e.model === m);
    const margin = (on(recommended)?.score ?? 0) - (on(runnerUp)?.score ?? 0);
    const removedAWinner = rule.effects.some((e) => e.model !== recommended && e.cap && evaluation.outcomes[e.model].rawScore >= pickScore) ? 15 : 0;
    return { rule, weight: margin, rank: Math.abs(margin) + removedAWinner };
  });
  scored.sort((a, b) => b.rank - a.rank);
  const chosen = scored.filter((s) => s.rank > 0).slice(0, 5);
  for (const s of scored) {
    if (chosen.length >= 3) break;
    if (!chosen.includes(s)) chosen.push(s);
  }
  return chosen.map(({ rule, weight }) => ({ id: rule.id, reason: rule.reason, source: rule.source, weight }));
}

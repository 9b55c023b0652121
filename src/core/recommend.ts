import { faasBreakEven } from './break-even.js';
import { coldStartAdvice } from './cold-start.js';
import { appliedDefaults, assumptionsText, breakEvenText, costCaveatLines, costEstimates } from './cost-summary.js';
import type { DecisionContent } from './decision-content.js';
import { decidingRules, modelReasons, summaryFor } from './explain.js';
import { usd } from './format.js';
import { MODEL_LABELS, MODELS, type Model, type Verdict } from './models.js';
import { fillNote, noteValues } from './note-text.js';
import { PROFILE_FIELDS, type ProfileField, type WorkloadProfile } from './profile.js';
import type { RankedModel, Recommendation } from './recommendation.js';
import { evaluateRules, ruledOutModels, type CompiledRule, type CompiledRuleSet, type Evaluation, type ModelOutcome } from './rule-engine.js';
import { profileWarnings } from './warnings.js';
import { findAnswerChanges, type SnapPoints } from './what-would-change.js';
import { analyseWorkload, costFacts, DERIVED_FACT_INPUTS, type CostFacts, type DerivedFacts, type WorkloadAnalysis } from './workload-facts.js';

export type { DecisionContent } from './decision-content.js';

export interface RecommendOptions {
  /** Profile fields the caller left out, which the schema filled with defaults (named on the card). */
  defaulted?: readonly ProfileField[];
}

/** Facts, costs and the rules' verdicts: the cheap part, used for ranking and the what-would-change search. */
export function evaluateProfile(content: DecisionContent, profile: WorkloadProfile, explain = true): Evaluation & { analysis: WorkloadAnalysis; costFacts: CostFacts } {
  const analysis = analyseWorkload(profile, content);
  let late: CostFacts = {};
  const evaluation = evaluateRules(
    content.ruleSet,
    analysis.facts,
    (model) => analysis.costs[model].monthlyUsd,
    (outcomes) => {
      late = costFacts(analysis, content, (m) => hasFigure(outcomes[m]), (m) => outcomes[m].verdict === 'optimal' || outcomes[m].verdict === 'good');
      return late;
    },
    explain,
  );
  return { ...evaluation, analysis, costFacts: late };
}

/** The model that would lead for a profile: the cheap path the what-would-change search calls many times. */
export function pickFor(content: DecisionContent, profile: WorkloadProfile): Model {
  return evaluateProfile(content, profile, false).order[0]!;
}

/**
 * The model that would lead for `changed`, a variant of an evaluated profile: only the rules whose facts read a
 * changed answer (and the late cost rules) run again; the rest keep their contributions from `base`.
 */
export function pickForVariant(content: DecisionContent, base: { profile: WorkloadProfile; evaluation: Evaluation }, changed: WorkloadProfile): Model {
  return evaluateVariant(content, base, changed).order[0]!;
}

/** The evaluation of `changed`, a variant of an evaluated profile, re-running only what a changed answer feeds. */
export function evaluateVariant(content: DecisionContent, base: { profile: WorkloadProfile; evaluation: Evaluation }, changed: WorkloadProfile): Evaluation {
  const rules = new Set<CompiledRule>();
  for (const field of PROFILE_FIELDS) {
    if (!sameAnswer(base.profile[field], changed[field])) for (const rule of rulesReading(content.ruleSet, field)) rules.add(rule);
  }
  const analysis = analyseWorkload(changed, content);
  return evaluateRules(
    content.ruleSet,
    analysis.facts,
    (model) => analysis.costs[model].monthlyUsd,
    (outcomes) => costFacts(analysis, content, (m) => hasFigure(outcomes[m]), (m) => outcomes[m].verdict === 'optimal' || outcomes[m].verdict === 'good'),
    false,
    { base: base.evaluation, changed: rules },
  );
}

function sameAnswer(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

const RULES_READING = new WeakMap<CompiledRuleSet, Map<string, Set<CompiledRule>>>();

/** The early rules whose facts are computed from a profile field (late rules always run again). */
function rulesReading(ruleSet: CompiledRuleSet, field: ProfileField): ReadonlySet<CompiledRule> {
  let index = RULES_READING.get(ruleSet);
  if (!index) {
    index = new Map();
    for (const rule of ruleSet.rules) {
      if (rule.late) continue;
      for (const fact of rule.fields) {
        const inputs = DERIVED_FACT_INPUTS[fact as keyof DerivedFacts] ?? [fact];
        for (const input of inputs) {
          if (!index.has(input)) index.set(input, new Set());
          index.get(input)!.add(rule);
        }
      }
    }
    RULES_READING.set(ruleSet, index);
  }
  return index.get(field) ?? EMPTY_RULES;
}
const EMPTY_RULES: ReadonlySet<CompiledRule> = new Set();

/** Ruled out only by the decision framework table (a judgement of fit), a model can still run the workload. */
function hasFigure(outcome: ModelOutcome): boolean {
  return outcome.blockedBy === undefined;
}

/** The whole recommendation for a validated profile. Pure and deterministic. */
export function recommend(content: DecisionContent, profile: WorkloadProfile, options: RecommendOptions = {}): Recommendation {
  const defaulted = new Set(options.defaulted ?? []);
  const evaluation = evaluateProfile(content, profile);
  const { analysis } = evaluation;
  const values = noteValues(analysis, content, evaluation.costFacts);
  const recommended = evaluation.order[0]!;

  const ranking: RankedModel[] = evaluation.order.map((model) => {
    const outcome = evaluation.outcomes[model];
    return { model, verdict: outcome.verdict, score: round(outcome.score), ...modelReasons(outcome, content, values) };
  });
  const verdicts = Object.fromEntries(MODELS.map((m) => [m, evaluation.outcomes[m].verdict])) as Record<Model, Verdict>;

  // A model ruled out by a hard fact about the platform or the state model cannot run the workload: no figure.
  // The decision framework table's ❌ cells are judgements about fit and cost: those models still get a figure.
  const capNote = (model: Model, rule: CompiledRule | undefined): string | undefined => {
    if (!rule) return undefined;
    const capping = evaluation.outcomes[model].contributions.find((c) => c.rule === rule && c.effect.cap === 'unsuitable');
    return fillNote(capping?.effect.note ?? rule.reason, values);
  };
  const notRunnable = (model: Model) => capNote(model, evaluation.outcomes[model].blockedBy);
  const ruledOutByTable = (model: Model) =>
    evaluation.outcomes[model].verdict === 'unsuitable' && !evaluation.outcomes[model].blockedBy ? capNote(model, evaluation.outcomes[model].capRule) : undefined;
  const estimates = costEstimates(analysis, notRunnable, ruledOutByTable);
  const breakEven = faasBreakEven(analysis, content, (model) => notRunnable(model) === undefined);
  const assumptions = assumptionsText(analysis, content, defaulted);
  const monthly = (model: Model) => estimates.find((e) => e.model === model)?.monthlyUsd ?? null;

  const deciding = decidingRules(evaluation, content, profile.cloud, values);
  const runner = evaluation.order.slice(1).find((m) => evaluation.outcomes[m].verdict !== 'unsuitable');
  const runnerUp =
    runner && verdicts[recommended] !== 'unsuitable'
      ? { model: runner, verdict: verdicts[runner], pointsBehind: round(evaluation.outcomes[recommended].score - evaluation.outcomes[runner].score) }
      : null;
  const changes = findAnswerChanges(profile, recommended, (changed) => pickForVariant(content, { profile, evaluation }, changed), {
    defaultMemoryMb: content.assumptions.defaultMemoryMb,
    snaps: snapPoints(content, profile),
  });
  const whatWouldChange = changes.map((c) => c.text);
  if (runnerUp) whatWouldChange.push(runnerUpText(runnerUp));

  return {
    rulesVersion: content.ruleSet.rulesVersion,
    profile,
    recommended,
    verdicts,
    ranking,
    summary: summaryFor(evaluation, deciding, monthly, usd),
    decidingRules: deciding,
    costEstimates: estimates,
    breakEven,
    costCaveats: costCaveatLines(estimates, evaluation.order, breakEven && breakEvenText(breakEven, analysis), assumptions, analysis.demand.invocationsPerMonth !== undefined),
    costAssumptions: assumptions,
    coldStartAdvice: coldStartAdvice(analysis, content, evaluation.order.slice(0, 2)),
    whatWouldChange,
    changes,
    runnerUp,
    tie: evaluation.tie && { ...evaluation.tie, margin: content.ruleSet.tieMargin },
    inputs: { profile, defaultsApplied: appliedDefaults(analysis, defaulted) },
    warnings: profileWarnings(analysis, content),
  };
}

function runnerUpText(runnerUp: NonNullable<Recommendation['runnerUp']>): string {
  const points = Math.abs(runnerUp.pointsBehind);
  const gap = `${points} point${points === 1 ? '' : 's'}`;
  const where = runnerUp.pointsBehind > 0 ? `${gap} behind` : runnerUp.pointsBehind < 0 ? `${gap} ahead on fit but dearer at this volume` : 'level on points';
  return `The runner-up, ${MODEL_LABELS[runnerUp.model]} (${runnerUp.verdict}), is ${where}.`;
}

const SNAPS = new WeakMap<DecisionContent, Map<string, SnapPoints>>();

/** The limits and rule thresholds a "what would change" boundary snaps to, for the profile's cloud. */
function snapPoints(content: DecisionContent, profile: WorkloadProfile): SnapPoints {
  let byCloud = SNAPS.get(content);
  if (!byCloud) {
    byCloud = new Map();
    SNAPS.set(content, byCloud);
  }
  const known = byCloud.get(profile.cloud);
  if (known) return known;
  const points = computeSnapPoints(content, profile);
  byCloud.set(profile.cloud, points);
  return points;
}

function computeSnapPoints(content: DecisionContent, profile: WorkloadProfile): SnapPoints {
  const cloud = content.platforms.clouds[profile.cloud];
  const edge = content.platforms.edge;
  const fromRules = (field: string) => content.ruleSet.rules.flatMap((rule) => rule.thresholds.filter((t) => t.field === field).map((t) => t.value));
  const known = (values: Array<number | null | undefined>) => values.filter((v): v is number => typeof v === 'number' && v > 0);
  return {
    durationSeconds: known([
      cloud.faas.maxDurationSeconds, cloud.faas.maxHttpSeconds, cloud.faas.gatewayTimeoutSeconds, cloud.serverless_containers.maxRequestSeconds,
      cloud.serverless_containers.maxJobSeconds, edge.maxJobWallSeconds, ...fromRules('durationSeconds'),
    ]),
    memoryMb: known([cloud.faas.maxMemoryMb, cloud.serverless_containers.maxMemoryMb, cloud.serverless_containers.gpuMaxMemoryMb, edge.maxMemoryMb, ...fromRules('memoryMb')]),
    latencyTargetMs: known(fromRules('latencyTargetMs')),
  };
}

function round(score: number): number {
  return Math.round(score * 10) / 10;
}

/**
 * Models the answers so far already rule out, for the interview's skip logic. A rule takes part only when every
 * profile field behind the facts it reads has been answered, so an unanswered question never rules anything out.
 */
export function ruledOutByAnswers(content: DecisionContent, partial: Readonly<Record<string, unknown>>): Set<Model> {
  const known = new Set(Object.keys(partial).filter((key) => partial[key] !== undefined));
  // The cloud defaults to AWS, and once the kind is known it settles whether volume comes as requests or runs.
  const isKnown = (field: string) =>
    known.has(field) || field === 'cloud' || ((field === 'avgRequestsPerSecond' || field === 'runsPerDay') && known.has('kind'));
  const answered = (fact: string) => {
    const inputs = DERIVED_FACT_INPUTS[fact as keyof DerivedFacts];
    return inputs ? inputs.every(isKnown) : known.has(fact);
  };
  const facts: Record<string, unknown> = {};
  const derived = analyseWorkload({ ...PARTIAL_DEFAULTS, ...partial } as WorkloadProfile, content).facts as unknown as Record<string, unknown>;
  for (const [fact, value] of Object.entries(derived)) if (answered(fact)) facts[fact] = value;
  return ruledOutModels(content.ruleSet, facts);
}

/** Stand-ins for unanswered fields, so facts can be derived; only facts whose inputs were all answered are used. */
const PARTIAL_DEFAULTS: Readonly<Record<string, unknown>> = {
  name: 'partial', kind: 'other', traffic: 'steady', durationSeconds: 1, state: 'stateless', os: 'any_linux', hardware: [], isolation: 'standard',
  containerSkills: 'basic', portability: 'none', edge: false, cloud: 'aws', interruptible: false, existingCluster: false,
};

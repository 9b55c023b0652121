import { faasBreakEven } from './break-even.js';
import { coldStartAdvice } from './cold-start.js';
import { customAnswerPhrases } from './custom-answers.js';
import { appliedDefaults, assumptionsText, breakEvenText, costCaveatLines, costEstimates } from './cost-summary.js';
import type { DecisionContent } from './decision-content.js';
import { decidingRules, modelReasons, summaryFor } from './explain.js';
import { usd } from './format.js';
import { MODEL_LABELS, MODELS, type Model, type Verdict } from './models.js';
import { fillNote, noteValues } from './note-text.js';
import { isCustomFact, PROFILE_FIELDS, type ProfileField, type WorkloadProfile } from './profile.js';
import type { RankedModel, Recommendation } from './recommendation.js';
import {
  ceilingFor,
  evaluateRules,
  leaderOf,
  rankModels,
  ruledOutModels,
  verdictForScore,
  type CompiledRule,
  type Evaluation,
  type ModelOutcome,
} from './rule-engine.js';
import { CAP_RANK, leanRules, type LeanScores } from './lean-rules.js';
import { profileWarnings } from './warnings.js';
import { findAnswerChanges, type SnapPoints } from './what-would-change.js';
import {
  analyseWorkload,
  costFacts,
  DERIVED_FACT_INPUTS,
  type CostFacts,
  type DerivedFacts,
  type WorkloadAnalysis,
} from './workload-facts.js';

export type { DecisionContent } from './decision-content.js';

export interface RecommendOptions {
  /** Profile fields the caller left out, which the schema filled with defaults (named on the card). */
  defaulted?: readonly ProfileField[];
}

/** Facts, costs and the rules' verdicts: the cheap part, used for ranking and the what-would-change search. */
export function evaluateProfile(
  content: DecisionContent,
  profile: WorkloadProfile,
  explain = true,
): Evaluation & { analysis: WorkloadAnalysis; costFacts: CostFacts } {
  const analysis = analyseWorkload(profile, content);
  let late: CostFacts = {};
  const evaluation = evaluateRules(
    content.ruleSet,
    analysis.facts,
    (model) => analysis.costs[model].monthlyUsd,
    (outcomes) => {
      late = costFacts(
        analysis,
        content,
        (m) => hasFigure(outcomes[m]),
        (m) => outcomes[m].verdict === 'optimal' || outcomes[m].verdict === 'good',
      );
      return late;
    },
    explain,
  );
  return { ...evaluation, analysis, costFacts: late };
}

/** A profile the search varies, analysed once: a variant that differs only in answers the rules alone read reuses it. */
export interface NearProfile {
  profile: WorkloadProfile;
  analysis: WorkloadAnalysis;
}

/**
 * The order the models would rank in for a profile, through the compiled rules. Same verdicts and order as
 * evaluateProfile (a property test holds them to it).
 */
export function rankFor(content: DecisionContent, profile: WorkloadProfile, near?: NearProfile): Model[] {
  const { analysis, standing, blocked } = leanStandings(content, profile, near);
  return rankModels(content.ruleSet, standing, blocked, (m) => analysis.costs[m].monthlyUsd).order;
}

/** The model that would lead for a profile: the cheap path the what-would-change search takes dozens of times per card. */
export function pickFor(content: DecisionContent, profile: WorkloadProfile, near?: NearProfile): Model {
  const { analysis, standing, blocked } = leanStandings(content, profile, near);
  return leaderOf(content.ruleSet, standing, blocked, (m) => analysis.costs[m].monthlyUsd);
}

function leanStandings(content: DecisionContent, profile: WorkloadProfile, near: NearProfile | undefined) {
  const { ruleSet } = content;
  const analysis =
    near && onlyRuleInputsDiffer(near.profile, profile) ? withRuleInputs(near.analysis, profile) : analyseWorkload(profile, content);
  const lean = leanRules(ruleSet);
  // Scratch space shared by every call: each runs to completion before another can start, and callers read it at once.
  const scores = SCRATCH;
  scores.raw.fill(ruleSet.baseScore);
  scores.cap.fill(0);
  scores.blocked.fill(0);
  const standing = STANDING;
  const settle = () => {
    for (let i = 0; i < MODELS.length; i++) {
      const cap = CAPS[scores.cap[i]!];
      const score = Math.max(0, Math.min(scores.raw[i]!, ceilingFor(cap, ruleSet.thresholds)));
      const byScore = verdictForScore(score, ruleSet.thresholds);
      const entry = standing[MODELS[i]!];
      entry.score = score;
      entry.verdict = cap !== undefined && CAP_RANK[cap] > CAP_RANK[byScore] ? cap : byScore;
    }
  };
  lean.early(analysis.facts, scores);
  settle();
  Object.assign(
    analysis.facts,
    costFacts(
      analysis,
      content,
      (m) => scores.blocked[MODEL_INDEX[m]] === 0,
      (m) => standing[m].verdict === 'optimal' || standing[m].verdict === 'good',
    ),
  );
  lean.late(analysis.facts, scores);
  settle();
  return { analysis, standing: (m: Model) => standing[m], blocked: (m: Model) => scores.blocked[MODEL_INDEX[m]] === 1 };
}

const CAPS: ReadonlyArray<Verdict | undefined> = [undefined, 'good', 'caution', 'unsuitable'];
const SCRATCH: LeanScores = {
  raw: new Float64Array(MODELS.length),
  cap: new Int8Array(MODELS.length),
  blocked: new Uint8Array(MODELS.length),
};
const STANDING = Object.fromEntries(MODELS.map((m) => [m, { score: 0, verdict: 'caution' as Verdict }])) as Record<
  Model,
  { score: number; verdict: Verdict }
>;
const MODEL_INDEX = Object.fromEntries(MODELS.map((m, i) => [m, i])) as Record<Model, number>;

/** Answers only rules read: no derived fact, sizing or price depends on them, so a variant may reuse the analysis. */
const RULE_ONLY: readonly ProfileField[] = ['name', 'containerSkills', 'portability', 'isolation', 'state', 'edge'];
const RULE_ONLY_FIELDS: ReadonlySet<string> = new Set(RULE_ONLY);
const PRICED_FIELDS = PROFILE_FIELDS.filter((field) => !RULE_ONLY_FIELDS.has(field));

/** The near analysis with the variant's rule-only answers: every late fact is written afresh by rankFor. */
function withRuleInputs(analysis: WorkloadAnalysis, profile: WorkloadProfile): WorkloadAnalysis {
  // A plain copy first, then stores: V8 clones an object of known shape quickly, not one spread together from two.
  const facts = { ...analysis.facts };
  const into = facts as Record<string, unknown>;
  for (const field of RULE_ONLY) into[field] = profile[field];
  return { facts, demand: analysis.demand, costs: analysis.costs, pricing: analysis.pricing };
}

function onlyRuleInputsDiffer(a: WorkloadProfile, b: WorkloadProfile): boolean {
  for (const field of PRICED_FIELDS) if (a[field] !== b[field]) return false;
  return true;
}

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
  // The verdict's own capping rule where it is a hard fact, so the cost row and the verdict give the same reason.
  const notRunnable = (model: Model) => {
    const outcome = evaluation.outcomes[model];
    if (!outcome.blockedBy) return undefined;
    const hardCap =
      outcome.cap === 'unsuitable' && outcome.capRule && outcome.capRule.evidence !== 'framework_table' ? outcome.capRule : undefined;
    return capNote(model, hardCap ?? outcome.blockedBy);
  };
  const ruledOutByTable = (model: Model) =>
    evaluation.outcomes[model].verdict === 'unsuitable' && !evaluation.outcomes[model].blockedBy
      ? capNote(model, evaluation.outcomes[model].capRule)
      : undefined;
  const estimates = costEstimates(analysis, notRunnable, ruledOutByTable);
  const breakEven = faasBreakEven(analysis, content, (model) => notRunnable(model) === undefined);
  const assumptions = assumptionsText(analysis, content, defaulted);
  const monthly = (model: Model) => estimates.find((e) => e.model === model)?.monthlyUsd ?? null;

  const deciding = decidingRules(evaluation, content, profile.cloud, values, monthly);
  const runner = evaluation.order.slice(1).find((m) => evaluation.outcomes[m].verdict !== 'unsuitable');
  const runnerUp =
    runner && verdicts[recommended] !== 'unsuitable'
      ? {
          model: runner,
          verdict: verdicts[runner],
          pointsBehind: round(evaluation.outcomes[recommended].score - evaluation.outcomes[runner].score),
        }
      : null;
  const changes = findAnswerChanges(profile, recommended, (changed) => pickFor(content, changed, { profile, analysis }), {
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
    costCaveats: costCaveatLines(
      estimates,
      evaluation.order,
      breakEven && breakEvenText(breakEven, analysis),
      assumptions,
      analysis.demand.invocationsPerMonth !== undefined,
    ),
    costAssumptions: assumptions,
    coldStartAdvice: coldStartAdvice(analysis, content, evaluation.order.slice(0, 2)),
    whatWouldChange,
    changes,
    runnerUp,
    tie: evaluation.tie && { ...evaluation.tie, margin: content.ruleSet.tieMargin },
    inputs: {
      profile,
      defaultsApplied: appliedDefaults(analysis, content, defaulted),
      ...(profile.custom && content.lenses ? { customAnswers: customAnswerPhrases(profile.custom, content.lenses.questions) } : {}),
    },
    warnings: profileWarnings(analysis, content),
    ...(content.lenses
      ? { lenses: content.lenses.active.map(({ name, version }) => ({ name, version })), links: content.lenses.links }
      : {}),
  };
}

function runnerUpText(runnerUp: NonNullable<Recommendation['runnerUp']>): string {
  const points = Math.abs(runnerUp.pointsBehind);
  const gap = `${points} point${points === 1 ? '' : 's'}`;
  const where =
    runnerUp.pointsBehind > 0
      ? `${gap} behind`
      : runnerUp.pointsBehind < 0
        ? `${gap} ahead on fit but dearer at this volume`
        : 'level on points';
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
  const fromRules = (field: string) =>
    content.ruleSet.rules.flatMap((rule) => rule.thresholds.filter((t) => t.field === field).map((t) => t.value));
  const known = (values: Array<number | null | undefined>) => values.filter((v): v is number => typeof v === 'number' && v > 0);
  return {
    durationSeconds: known([
      cloud.faas.maxDurationSeconds,
      cloud.faas.maxHttpSeconds,
      cloud.faas.gatewayTimeoutSeconds,
      cloud.serverless_containers.maxRequestSeconds,
      cloud.serverless_containers.maxJobSeconds,
      edge.maxJobWallSeconds,
      ...fromRules('durationSeconds'),
    ]),
    memoryMb: known([
      cloud.faas.maxMemoryMb,
      cloud.serverless_containers.maxMemoryMb,
      cloud.serverless_containers.gpuMaxMemoryMb,
      edge.maxMemoryMb,
      ...fromRules('memoryMb'),
    ]),
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
  const derived = analyseWorkload({ ...PARTIAL_DEFAULTS, ...partial } as WorkloadProfile, content).facts as unknown as Record<
    string,
    unknown
  >;
  for (const [fact, value] of Object.entries(derived)) if (answered(fact)) facts[fact] = value;
  // Answers to lens questions arrive under their fact names (custom.<id>): a lens's ban may rest on them.
  for (const key of known) if (isCustomFact(key)) facts[key] = partial[key];
  return ruledOutModels(content.ruleSet, facts);
}

/** Stand-ins for unanswered fields, so facts can be derived; only facts whose inputs were all answered are used. */
const PARTIAL_DEFAULTS: Readonly<Record<string, unknown>> = {
  name: 'partial',
  kind: 'other',
  traffic: 'steady',
  durationSeconds: 1,
  state: 'stateless',
  os: 'any_linux',
  hardware: [],
  isolation: 'standard',
  containerSkills: 'basic',
  portability: 'none',
  edge: false,
  cloud: 'aws',
  interruptible: false,
  existingCluster: false,
};

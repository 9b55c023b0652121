import type { Cloud } from './clouds.js';
import type { Link } from './lens.js';
import type { Model, Verdict } from './models.js';
import type { ProfileField, WorkloadProfile } from './profile.js';
import type { Evidence } from './rule-set.js';

/** One model's place in the ranking. */
export interface RankedModel {
  model: Model;
  verdict: Verdict;
  score: number;
  /** Why this model got its verdict, the decisive reason first: the binding cap's note, else the strongest evidence. */
  reasons: string[];
  /** What the decisive reason rests on: a hard fact's kind, or soft evidence. */
  evidence: Evidence;
}

/** A rule under "Why": a reason for the pick, or the one reason a runner-up lost. */
export interface FiredRule {
  id: string;
  reason: string;
  /** Where the rule comes from, as cited on cards. */
  source: string;
  /** Score points it put between the pick and the model it is about (the runner-up for reasons for the pick). */
  weight: number;
  role: 'for_pick' | 'against_runner_up';
  /** The model it is about: the pick, or the runner-up that lost on it. */
  model: Model;
}

/** A rough monthly figure for one model at the stated volume. Never a quote. */
export interface CostEstimate {
  model: Model;
  cloud: Cloud;
  /** On demand; null when the model cannot run the workload or no volume was given. */
  monthlyUsd: number | null;
  /** With a 1-year commitment, where capacity runs around the clock. */
  committedMonthlyUsd: number | null;
  /** On spot / preemptible capacity, for interruptible jobs. */
  spotMonthlyUsd?: number;
  /** How the figure was sized, or why there is none. */
  basis: string;
  /** Set when a hard limit rules the model out: the reason, and no figure. */
  notRunnable?: string;
}

/** Where functions' cost curve crosses the cheapest always-on option's, at this workload's duration and memory. */
export interface BreakEven {
  unit: 'requests_per_second' | 'runs_per_day';
  /** The crossing, in `unit`. */
  value: number;
  /** The crossing in invocations per second, whatever the unit. */
  requestsPerSecond: number;
  /** This workload's volume over the crossing: above 1, the always-on option is cheaper. */
  currentVsBreakEven: number | null;
  against: Model;
  /** e.g. "containers (1 pod on m7i.large nodes ...)" */
  alwaysOnUnit: string;
  /** What both cost a month at the crossing. */
  alwaysOnMonthlyUsd: number;
}

/** A single-answer change that would change the recommended model. */
export interface AnswerChange {
  field: ProfileField;
  /** The new value, as it would be stored in the profile. */
  value: unknown;
  /** The model that would then be recommended. */
  recommended: Model;
  /** A lever the team controls (latency target, memory, splitting runs, a queue, skills, a cluster, the cloud). */
  lever: boolean;
  /** Plain words, e.g. "With a p99 target of 250 ms or more, functions (FaaS) would lead." */
  text: string;
}

/** A default that stood in for an answer. */
export interface AppliedDefault {
  field: string;
  value: unknown;
  /** Why this value: "not answered; the default for bursty traffic". */
  note: string;
}

/** The decision core's whole answer. `compute-advice evaluate --json` prints this object. */
export interface Recommendation {
  rulesVersion: string;
  profile: WorkloadProfile;
  recommended: Model;
  verdicts: Record<Model, Verdict>;
  ranking: RankedModel[];
  /** One or two sentences: why the recommended model, and what broke a tie. */
  summary: string;
  /** The reasons for the pick, then the one reason each runner-up lost. */
  decidingRules: FiredRule[];
  /** One entry per model, in the models' documented order. */
  costEstimates: CostEstimate[];
  breakEven: BreakEven | null;
  /** The cost section as lines: a figure per model, the break-even, the assumptions. */
  costCaveats: string[];
  /** The assumptions line alone: cloud, region, price date, sizing and only the defaults applied. */
  costAssumptions: string;
  coldStartAdvice: string[];
  whatWouldChange: string[];
  changes: AnswerChange[];
  /** How far the runner-up is behind, when there is one that can run the workload. */
  runnerUp: { model: Model; verdict: Verdict; pointsBehind: number } | null;
  /** Leaders within the tie margin, and what put the pick first. */
  tie: { models: Model[]; decidedBy: 'cost' | 'score' | 'order'; margin: number } | null;
  /** The profile as used, the defaults that stood in for answers, and the lens questions' answers in short phrases. */
  inputs: { profile: WorkloadProfile; defaultsApplied: AppliedDefault[]; customAnswers?: string[] };
  /** Answers that contradict each other or the platforms: shown, never silently used. */
  warnings: string[];
  /** The organisation lenses that shaped this advice, in the order they applied; absent without lenses. */
  lenses?: Array<{ name: string; version: string }>;
  /** The lenses' links per model (golden paths, templates, runbooks), shown under the model on the card. */
  links?: Partial<Record<Model, Link[]>>;
}

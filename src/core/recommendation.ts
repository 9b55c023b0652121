import type { Model, Verdict } from './models.js';
import type { ProfileField, WorkloadProfile } from './profile.js';

/** One model's place in the ranking. */
export interface RankedModel {
  model: Model;
  verdict: Verdict;
  score: number;
  /** Why this model got its verdict, most important first. */
  reasons: string[];
}

/** A rule that fired, as shown under "Why". */
export interface FiredRule {
  id: string;
  reason: string;
  source: string;
  /** How strongly it moved the recommended model against the runner-up; larger decides more. */
  weight: number;
}

/** A rough monthly figure for one model. Never a quote. */
export interface CostEstimate {
  model: Model;
  monthlyUsd: number;
  /** How the figure was reached, in one short line. */
  basis: string;
}

export interface BreakEven {
  /** Average requests per second above which always-on capacity is cheaper than functions. */
  requestsPerSecond: number;
  /** The always-on unit the break-even is measured against, e.g. "a 24x7 1 vCPU / 2 GB serverless container". */
  alwaysOnUnit: string;
  alwaysOnMonthlyUsd: number;
}

/** A single-answer change that would change the recommended model. */
export interface AnswerChange {
  field: ProfileField;
  /** The new value, as it would be stored in the profile. */
  value: unknown;
  /** The model that would then be recommended. */
  recommended: Model;
  /** Plain words, e.g. "If one run took over 15 minutes, containers would be recommended." */
  text: string;
}

/** The decision core's whole answer. `compute-advice evaluate --json` prints this object. */
export interface Recommendation {
  rulesVersion: string;
  profile: WorkloadProfile;
  recommended: Model;
  verdicts: Record<Model, Verdict>;
  ranking: RankedModel[];
  /** One sentence: why the recommended model. */
  summary: string;
  /** The three to five rules that decided it. */
  decidingRules: FiredRule[];
  costEstimates: CostEstimate[];
  breakEven: BreakEven | null;
  costCaveats: string[];
  coldStartAdvice: string[];
  whatWouldChange: string[];
  changes: AnswerChange[];
}

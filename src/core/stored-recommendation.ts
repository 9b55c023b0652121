import { MODELS, type Model } from './models.js';
import { WorkloadProfileSchema } from './profile.js';
import type { CostEstimate, FiredRule, RankedModel, Recommendation } from './recommendation.js';

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A recommendation as read back from storage, in today's shape. Results stored by earlier versions lack the fields
 * added since (warnings, inputs, the runner-up, per-cloud cost estimates): they get neutral values, so an old card
 * still renders as it was decided. The advice itself is never recomputed here: a stored review keeps its answer.
 * Returns undefined for something that is not a recommendation at all.
 */
export function readStoredRecommendation(value: unknown): Recommendation | undefined {
  if (!isObject(value) || typeof value.recommended !== 'string' || !isObject(value.verdicts) || !Array.isArray(value.ranking))
    return undefined;
  const stored = value;
  const parsedProfile = WorkloadProfileSchema.safeParse(stored.profile);
  if (!parsedProfile.success) return undefined;
  const profile = parsedProfile.data;
  const recommended = stored.recommended as Model;
  const list = (v: unknown): Loose[] => (Array.isArray(v) ? (v as unknown[]).filter(isObject) : []);
  const ranking: RankedModel[] = list(stored.ranking).map((r) => ({
    model: r.model as Model,
    verdict: r.verdict as RankedModel['verdict'],
    score: typeof r.score === 'number' ? r.score : 0,
    reasons: Array.isArray(r.reasons) ? (r.reasons as string[]) : [],
    evidence: (r.evidence as RankedModel['evidence'] | undefined) ?? 'soft',
  }));
  const decidingRules: FiredRule[] = list(stored.decidingRules).map((r) => ({
    id: String(r.id ?? ''),
    reason: String(r.reason ?? ''),
    source: String(r.source ?? ''),
    weight: typeof r.weight === 'number' ? r.weight : 0,
    role: (r.role as FiredRule['role'] | undefined) ?? 'for_pick',
    model: (r.model as Model | undefined) ?? recommended,
  }));
  const oldEstimates = list(stored.costEstimates);
  const costEstimates: CostEstimate[] = MODELS.map((model) => {
    const old = oldEstimates.find((e) => e.model === model);
    const estimate: CostEstimate = {
      model,
      cloud: profile.cloud,
      monthlyUsd: typeof old?.monthlyUsd === 'number' ? old.monthlyUsd : null,
      committedMonthlyUsd: typeof old?.committedMonthlyUsd === 'number' ? old.committedMonthlyUsd : null,
      basis: typeof old?.basis === 'string' ? old.basis : 'not estimated when this review was made',
    };
    if (typeof old?.spotMonthlyUsd === 'number') estimate.spotMonthlyUsd = old.spotMonthlyUsd;
    if (typeof old?.notRunnable === 'string') estimate.notRunnable = old.notRunnable;
    return estimate;
  });
  const strings = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  const costCaveats = strings(stored.costCaveats);
  return {
    rulesVersion: String(stored.rulesVersion ?? 'unknown'),
    profile,
    recommended,
    verdicts: stored.verdicts as Recommendation['verdicts'],
    ranking,
    summary: String(stored.summary ?? ''),
    decidingRules,
    costEstimates,
    breakEven:
      isObject(stored.breakEven) && typeof stored.breakEven.unit === 'string'
        ? (stored.breakEven as unknown as Recommendation['breakEven'])
        : null,
    costCaveats,
    costAssumptions:
      typeof stored.costAssumptions === 'string' ? stored.costAssumptions : (costCaveats.find((l) => l.startsWith('Assumptions:')) ?? ''),
    coldStartAdvice: strings(stored.coldStartAdvice),
    whatWouldChange: strings(stored.whatWouldChange),
    changes: list(stored.changes).map((c) => ({
      field: c.field as Recommendation['changes'][number]['field'],
      value: c.value,
      recommended: c.recommended as Model,
      lever: c.lever === true,
      text: String(c.text ?? ''),
    })),
    runnerUp: isObject(stored.runnerUp) ? (stored.runnerUp as unknown as Recommendation['runnerUp']) : null,
    tie: isObject(stored.tie) ? (stored.tie as unknown as Recommendation['tie']) : null,
    inputs:
      isObject(stored.inputs) && Array.isArray(stored.inputs.defaultsApplied)
        ? (stored.inputs as unknown as Recommendation['inputs'])
        : { profile, defaultsApplied: [] },
    warnings: strings(stored.warnings),
    ...(Array.isArray(stored.lenses)
      ? { lenses: list(stored.lenses).map((lens) => ({ name: String(lens.name ?? ''), version: String(lens.version ?? '') })) }
      : {}),
    ...(isObject(stored.links) ? { links: storedLinks(stored.links) } : {}),
  };
}

/** The lenses' links as stored: only https links with a title, per known model. */
function storedLinks(value: Loose): NonNullable<Recommendation['links']> {
  const out: NonNullable<Recommendation['links']> = {};
  for (const model of MODELS) {
    const links = Array.isArray(value[model]) ? (value[model] as unknown[]).filter(isObject) : [];
    const valid = links.filter((link) => typeof link.title === 'string' && typeof link.url === 'string' && link.url.startsWith('https://'));
    if (valid.length > 0) out[model] = valid.map((link) => ({ title: link.title as string, url: link.url as string }));
  }
  return out;
}

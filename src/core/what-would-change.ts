import { duration, megabytes, trim } from './format.js';
import { MODEL_LABELS, type Model } from './models.js';
import type { PriceTable } from './price-table.js';
import {
  CONTAINER_SKILLS, HARDWARE_NEEDS, ISOLATION_LEVELS, OS_NEEDS, PORTABILITY_NEEDS, RUNTIMES, STATES, TRAFFIC_SHAPES, WORKLOAD_KINDS,
  type ProfileField, type WorkloadProfile,
} from './profile.js';
import type { AnswerChange } from './recommendation.js';
import type { CompiledRuleSet } from './rule-engine.js';

interface Candidate {
  field: ProfileField;
  value: unknown;
  /** How big a change this is; smaller is shown first. */
  size: number;
  text: (model: string) => string;
}

const ENUM_FIELDS: Array<[ProfileField, readonly string[]]> = [
  ['kind', WORKLOAD_KINDS], ['state', STATES], ['traffic', TRAFFIC_SHAPES], ['os', OS_NEEDS], ['isolation', ISOLATION_LEVELS],
  ['runtime', RUNTIMES], ['containerSkills', CONTAINER_SKILLS], ['portability', PORTABILITY_NEEDS],
];

const words = (value: string) => value.replace(/_/g, ' ');

/** Enum values as they read in a sentence. */
const PHRASES: Record<string, string> = {
  api: 'an API', web_app: 'a web app', event_processing: 'an event-processing', batch_job: 'a batch', stream_processing: 'a stream-processing',
  database: 'a database', ml_training: 'an ML training', ml_inference: 'an ML inference', dev_tooling: 'a developer tooling', legacy_app: 'a legacy',
  other: 'another kind of', stateless: 'stateless', external_store: 'kept in an external store', in_memory_session: 'held in memory between requests',
  local_persistent: 'kept on local disk', specific_linux: 'a specific Linux distribution', windows: 'Windows Server', custom_kernel: 'a custom kernel or kernel modules',
  any_linux: 'no particular OS',
};
const phrase = (value: string) => PHRASES[value] ?? words(value);

function enumText(field: ProfileField, value: string): (model: string) => string {
  switch (field) {
    case 'kind': return (m) => `If it were ${phrase(value)} workload, ${m} would be recommended.`;
    case 'state': return (m) => value === 'stateless' ? `If it were stateless, ${m} would be recommended.` : `If its state were ${phrase(value)}, ${m} would be recommended.`;
    case 'traffic': return (m) => `If traffic were ${value}, ${m} would be recommended.`;
    case 'os': return (m) => `If it needed ${phrase(value)}, ${m} would be recommended.`;
    case 'isolation': return (m) => value === 'strict'
      ? `If compliance demanded hypervisor-level isolation, ${m} would be recommended.`
      : `If standard isolation were enough, ${m} would be recommended.`;
    case 'runtime': return (m) => `If it were written for ${value === 'dotnet' ? '.NET' : value}, ${m} would be recommended.`;
    case 'containerSkills': return (m) => `If the team's container skills were ${value}, ${m} would be recommended.`;
    case 'portability': return (m) => value === 'none'
      ? `If it only had to run on one cloud, ${m} would be recommended.`
      : `If it had to run ${value === 'hybrid' ? 'on premises too' : 'on several clouds'}, ${m} would be recommended.`;
    default: return (m) => `If ${field} were ${value}, ${m} would be recommended.`;
  }
}

const NUMERIC_PHRASES: Partial<Record<ProfileField, (dir: string, value: number) => string>> = {
  durationSeconds: (dir, v) => `one run took ${dir} ${duration(v)}`,
  memoryMb: (dir, v) => `one instance needed ${dir} ${megabytes(v)}`,
  latencyTargetMs: (dir, v) => `the p99 target were ${dir} ${trim(v)} ms`,
  avgRequestsPerSecond: (dir, v) => `traffic averaged ${dir} ${trim(v)} requests/s`,
  runsPerDay: (dir, v) => `it ran ${dir} ${trim(v)} times a day`,
  peakToBaseline: (dir, v) => `peaks were ${dir} ${trim(v)}× the baseline`,
};

/** Numeric probe points per profile field, from the rules' thresholds (derived facts mapped back to answers). */
function numericThresholds(ruleSet: CompiledRuleSet, profile: WorkloadProfile, breakEvenPerSecond: number | undefined, prices: PriceTable): Map<ProfileField, number[]> {
  const out = new Map<ProfileField, number[]>();
  const add = (field: ProfileField, value: number) => {
    if (!(value > 0) || !Number.isFinite(value)) return;
    out.set(field, [...(out.get(field) ?? []), value]);
  };
  const secondsPerMonth = prices.hoursPerMonth * 3600;
  const volumeField: ProfileField = profile.runsPerDay !== undefined && profile.avgRequestsPerSecond === undefined ? 'runsPerDay' : 'avgRequestsPerSecond';
  const perSecondToField = (perSecond: number) => (volumeField === 'runsPerDay' ? perSecond * 86400 : perSecond);
  for (const rule of ruleSet.rules) {
    for (const { field, value } of rule.thresholds) {
      if (field in NUMERIC_PHRASES) add(field as ProfileField, value);
      else if (field === 'faasLoadVsBreakEven' && breakEvenPerSecond !== undefined) add(volumeField, perSecondToField(value * breakEvenPerSecond));
      else if (field === 'monthlyInvocations') add(volumeField, perSecondToField(value / secondsPerMonth));
      else if (field === 'peakFactor') add('peakToBaseline', value);
    }
  }
  return out;
}

function numericCandidates(profile: WorkloadProfile, thresholds: Map<ProfileField, number[]>): Candidate[] {
  const out: Candidate[] = [];
  for (const [field, values] of thresholds) {
    const phrase = NUMERIC_PHRASES[field];
    const current = profile[field] as number | undefined;
    if (!phrase) continue;
    for (const t of new Set(values)) {
      const delta = Math.max(t * 0.001, 0.001);
      for (const probe of [t - delta, t, t + delta]) {
        if (!(probe > 0) || (field === 'peakToBaseline' && probe < 1)) continue;
        if (current !== undefined && Math.abs(probe - current) < 1e-9) continue;
        const up = current === undefined ? probe >= t : probe > current;
        const dir = up ? (probe > t ? 'over' : 'at least') : probe < t ? 'under' : 'at most';
        out.push({
          field,
          value: probe,
          // Half weight: crossing a nearby limit is a smaller change than a different kind of answer.
          size: current === undefined ? 1.5 : 0.5 * Math.abs(Math.log(probe / current)),
          text: (m) => `If ${phrase(dir, t)}, ${m} would be recommended.`,
        });
      }
    }
  }
  return out;
}

function categoricalCandidates(profile: WorkloadProfile): Candidate[] {
  const out: Candidate[] = [];
  for (const [field, values] of ENUM_FIELDS) {
    for (const value of values) {
      if (profile[field] === value) continue;
      out.push({ field, value, size: 1, text: enumText(field, value) });
    }
  }
  out.push({
    field: 'edge',
    value: !profile.edge,
    size: 1,
    text: (m) => (profile.edge ? `If it did not need to run at the edge, ${m} would be recommended.` : `If it had to run close to users worldwide, ${m} would be recommended.`),
  });
  for (const need of HARDWARE_NEEDS) {
    const has = profile.hardware.includes(need);
    out.push({
      field: 'hardware',
      value: has ? profile.hardware.filter((h) => h !== need) : [...profile.hardware, need],
      size: 1,
      text: (m) => `If it ${has ? 'did not need' : 'needed'} ${need === 'gpu' ? 'GPUs' : words(need).replace('nvme', 'NVMe').replace('hsm', 'an HSM')}, ${m} would be recommended.`,
    });
  }
  if (profile.latencyTargetMs !== undefined) {
    out.push({ field: 'latencyTargetMs', value: undefined, size: 1, text: (m) => `If latency did not matter, ${m} would be recommended.` });
  }
  return out;
}

/**
 * The smallest single-answer changes that change the recommended model, smallest first, one per field.
 * `recommendFor` re-runs the decision for a changed profile.
 */
export function findAnswerChanges(
  profile: WorkloadProfile,
  recommended: Model,
  ruleSet: CompiledRuleSet,
  prices: PriceTable,
  breakEvenPerSecond: number | undefined,
  recommendFor: (profile: WorkloadProfile) => Model,
  limit = 4,
): AnswerChange[] {
  const candidates = [...numericCandidates(profile, numericThresholds(ruleSet, profile, breakEvenPerSecond, prices)), ...categoricalCandidates(profile)];
  candidates.sort((a, b) => a.size - b.size);
  const best = new Map<ProfileField, AnswerChange>();
  for (const candidate of candidates) {
    // Candidates come smallest first, so once `limit` fields have a change no later one can rank ahead of them:
    // each evaluation re-runs every rule, and a card used to try about a hundred.
    if (best.size >= limit) break;
    if (best.has(candidate.field)) continue;
    const changed = { ...profile, [candidate.field]: candidate.value } as WorkloadProfile;
    if (candidate.value === undefined) delete (changed as Record<string, unknown>)[candidate.field];
    const model = recommendFor(changed);
    if (model === recommended) continue;
    best.set(candidate.field, { field: candidate.field, value: candidate.value, recommended: model, text: candidate.text(MODEL_LABELS[model]) });
  }
  // A Map keeps insertion order, and changes were found in candidate order: smallest first.
  return [...best.values()];
}

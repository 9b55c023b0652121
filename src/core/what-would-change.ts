import { CLOUD_LABELS, CLOUDS } from './clouds.js';
import { count, duration, megabytes, trim } from './format.js';
import { MODEL_LABELS, type Model } from './models.js';
import {
  CONTAINER_SKILLS,
  HARDWARE_NEEDS,
  ISOLATION_LEVELS,
  OS_NEEDS,
  PORTABILITY_NEEDS,
  PROFILE_LIMITS,
  STATES,
  TRAFFIC_SHAPES,
  WORKLOAD_KINDS,
  type ProfileField,
  type WorkloadProfile,
} from './profile.js';
import type { AnswerChange } from './recommendation.js';
import { REQUEST_DRIVEN_KINDS } from './workload-demand.js';

/** Known limits per numeric field (platform limits, rule thresholds) that a found boundary snaps to. */
export type SnapPoints = Partial<Record<ProfileField, readonly number[]>>;

/** Which model would lead for a profile that differs from the one being explained in one answer. */
export type PickFor = (profile: WorkloadProfile) => Model;

/** Levers come first, then facts that may change, then the workload's identity (only when nothing else flips it). */
type Tier = 'lever' | 'volume' | 'identity';

interface Candidate {
  tier: Tier;
  field: ProfileField;
  /** Smaller is shown first within a tier. */
  size: number;
  /** Finds the change, or undefined when this candidate does not flip the pick. */
  probe: () => { value: unknown; model: Model; text: string } | undefined;
}

/** A numeric answer is probed at these multiples of its value (or their inverses) before any bisection. */
const PROBES = [10];
/** Six halvings of the ×10 bracket: the boundary to within 10^(1/64), about 3.7%, before rounding for display. */
const BISECTIONS = 6;
/** Each probe is a whole evaluation: the search stops after this many, keeping what it found. */
const MAX_EVALUATIONS = 32;
/** Jobs and events can sit behind a queue; request/response callers cannot. */
const QUEUEABLE = new Set(['event_processing', 'batch_job', 'stream_processing', 'dev_tooling']);

const lead = (model: Model) => `${MODEL_LABELS[model]} would lead`;

const KIND_PHRASES: Record<string, string> = {
  api: 'an API',
  web_app: 'a web app',
  event_processing: 'event processing',
  batch_job: 'a batch job',
  stream_processing: 'stream processing',
  database: 'a database',
  ml_training: 'ML training',
  ml_inference: 'ML inference',
  dev_tooling: 'developer tooling',
  legacy_app: 'a legacy app',
  other: 'another kind of workload',
};
const STATE_PHRASES: Record<string, string> = {
  stateless: 'stateless',
  external_store: 'kept in an external store',
  in_memory_session: 'held in memory between requests',
  local_persistent: 'kept on local disk',
};
const OS_PHRASES: Record<string, string> = {
  any_linux: 'no particular OS',
  specific_linux: 'a specific Linux distribution',
  windows: 'Windows Server',
  custom_kernel: 'a custom kernel or kernel modules',
};

function withValue(profile: WorkloadProfile, field: ProfileField, value: unknown): WorkloadProfile {
  // A plain copy, then one store: quicker than a spread with a computed key.
  const changed: Record<string, unknown> = { ...profile };
  if (value === undefined) delete changed[field];
  else changed[field] = value;
  return changed as WorkloadProfile;
}

/** The unit a value is shown in (format.ts's duration and megabytes), so rounding happens where the reader sees it. */
function displayScale(field: ProfileField, x: number): number {
  if (field === 'durationSeconds') return x < 1 ? 0.001 : x < 120 ? 1 : x < 7200 ? 60 : x < 172_800 ? 3600 : 86_400;
  if (field === 'latencyTargetMs') return x < 1000 ? 1 : x < 120_000 ? 1000 : 60_000;
  if (field === 'memoryMb') return x < 1024 ? 1 : 1024;
  return 1;
}

/** Two significant figures in the display unit, rounded toward the side that still flips. */
function niceValue(field: ProfileField, x: number, towardUp: boolean): number {
  if (x <= 0) return x;
  const scale = displayScale(field, x);
  const shown = x / scale;
  const magnitude = 10 ** (Math.floor(Math.log10(shown)) - 1);
  return (towardUp ? Math.ceil(shown / magnitude - 1e-9) : Math.floor(shown / magnitude + 1e-9)) * magnitude * scale;
}

/** Within this share of a known limit, a boundary is that limit: "over 15 minutes", not "over 15.2 minutes". */
const SNAP = 0.02;

/**
 * Probes a numeric answer at ten times (or a tenth of) its value; where the pick changes, narrows the boundary down by
 * bisection, says a known limit exactly, and rounds anything else to a value that still flips: "with a p99 target of
 * 250 ms or more".
 */
function numericProbe(
  profile: WorkloadProfile,
  field: ProfileField,
  current: number,
  up: boolean,
  bounds: { min: number; max: number; snaps: readonly number[] },
  recommended: Model,
  pickFor: (profile: WorkloadProfile, field: ProfileField) => Model,
): { value: number; model: Model; inclusive: boolean; shown?: number } | undefined {
  const flips = (value: number) => {
    const model = pickFor(withValue(profile, field, value), field);
    return model === recommended ? undefined : model;
  };
  let same = current;
  let flipped: { value: number; model: Model } | undefined;
  for (const factor of PROBES) {
    const value = up ? Math.min(bounds.max, current * factor) : Math.max(bounds.min, current / factor);
    if (value === current) return undefined;
    const model = flips(value);
    if (model) {
      flipped = { value, model };
      break;
    }
    same = value;
  }
  if (!flipped) return undefined;
  let other = flipped;
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = Math.sqrt(same * other.value);
    const model = flips(mid);
    if (model) other = { value: mid, model };
    else same = mid;
  }
  // A known limit right at the boundary: say it exactly, and whether the limit itself flips ("15 minutes or more")
  // or only what lies beyond it ("over 15 minutes").
  // The boundary lies between the last value that kept the pick and the first that flipped it: a limit inside
  // that bracket (or within SNAP of its flipping end) is where the pick changes.
  const [low, high] = up ? [same, other.value] : [other.value, same];
  const snap = bounds.snaps.find(
    (t) => (up ? t > current : t < current) && ((t >= low * (1 - 1e-9) && t <= high * (1 + 1e-9)) || Math.abs(other.value - t) <= t * SNAP),
  );
  if (snap !== undefined) {
    const atLimit = flips(snap);
    if (atLimit) return { value: snap, model: atLimit, inclusive: true };
    const past = up ? snap * (1 + 1e-9) : snap * (1 - 1e-9);
    const beyond = flips(past);
    if (beyond) return { value: past, model: beyond, inclusive: false, shown: snap };
  }
  const nice = niceValue(field, other.value, up);
  const inRange = up ? nice >= other.value && nice <= bounds.max : nice <= other.value && nice >= bounds.min;
  if (inRange) {
    const model = flips(nice);
    if (model) return { value: nice, model, inclusive: true };
  }
  return { ...other, inclusive: true };
}

interface NumericSpec {
  field: ProfileField;
  tier: Tier;
  current: number | undefined;
  directions: boolean[];
  min: number;
  max: number;
  snaps: readonly number[];
  /** `inclusive`: the value itself flips the pick ("or more", "at most"); otherwise only beyond it ("over", "under"). */
  text: (up: boolean, value: number, model: Model, inclusive: boolean) => string;
}

const more = (up: boolean, inclusive: boolean, shown: string) =>
  up ? (inclusive ? `${shown} or more` : `over ${shown}`) : inclusive ? `at most ${shown}` : `under ${shown}`;

function numericSpecs(profile: WorkloadProfile, defaultMemoryMb: number, snaps: SnapPoints): NumericSpec[] {
  const requestDriven = REQUEST_DRIVEN_KINDS.has(profile.kind);
  const specs: NumericSpec[] = [];
  const unit = requestDriven ? 'request' : 'run';
  if (profile.latencyTargetMs !== undefined) {
    specs.push({
      field: 'latencyTargetMs',
      tier: 'lever',
      current: profile.latencyTargetMs,
      directions: [true],
      min: 1,
      max: PROFILE_LIMITS.latencyTargetMs,
      snaps: snaps.latencyTargetMs ?? [],
      text: (up, v, m, inc) => `With a p99 target of ${more(up, inc, duration(v / 1000))}, ${lead(m)}.`,
    });
  }
  // Less memory and shorter requests (or a long job split into steps) are levers; more of either is volume.
  const memory = (tier: Tier, up: boolean): NumericSpec => ({
    field: 'memoryMb',
    tier,
    current: profile.memoryMb ?? defaultMemoryMb,
    directions: [up],
    min: 64,
    max: PROFILE_LIMITS.memoryMb,
    snaps: snaps.memoryMb ?? [],
    text: (up, v, m, inc) => `If one instance needed ${more(up, inc, megabytes(v))}, ${lead(m)}.`,
  });
  const durationSpec = (tier: Tier, up: boolean, text: NumericSpec['text']): NumericSpec => ({
    field: 'durationSeconds',
    tier,
    current: profile.durationSeconds,
    directions: [up],
    min: 0.001,
    max: PROFILE_LIMITS.durationSeconds,
    snaps: snaps.durationSeconds ?? [],
    text,
  });
  specs.push(
    memory('lever', false),
    durationSpec('lever', false, (up, v, m, inc) =>
      requestDriven
        ? `If one request took ${more(up, inc, duration(v))}, ${lead(m)}.`
        : `If each run were split into steps of ${more(up, inc, duration(v))}, ${lead(m)}.`,
    ),
    memory('volume', true),
    durationSpec('volume', true, (up, v, m, inc) => `If one ${unit} took ${more(up, inc, duration(v))}, ${lead(m)}.`),
  );
  if (profile.avgRequestsPerSecond !== undefined && profile.avgRequestsPerSecond > 0) {
    specs.push({
      field: 'avgRequestsPerSecond',
      tier: 'volume',
      current: profile.avgRequestsPerSecond,
      directions: [true, false],
      min: 1e-6,
      max: PROFILE_LIMITS.avgRequestsPerSecond,
      snaps: [],
      text: (up, v, m, inc) => `At ${more(up, inc, `${trim(v)} requests/s`)} on average, ${lead(m)}.`,
    });
  } else if (profile.runsPerDay !== undefined && profile.runsPerDay > 0) {
    specs.push({
      field: 'runsPerDay',
      tier: 'volume',
      current: profile.runsPerDay,
      directions: [true, false],
      min: 1e-3,
      max: PROFILE_LIMITS.runsPerDay,
      snaps: [],
      text: (up, v, m, inc) => `At ${more(up, inc, `${count(v)} runs a day`)}, ${lead(m)}.`,
    });
  }
  return specs;
}

function valueCandidate(
  tier: Tier,
  field: ProfileField,
  value: unknown,
  text: (model: Model) => string,
): { tier: Tier; field: ProfileField; value: unknown; text: (model: Model) => string } {
  return { tier, field, value, text };
}

function categoricalChanges(profile: WorkloadProfile, tier: Tier): Array<ReturnType<typeof valueCandidate>> {
  return tier === 'lever' ? leverChanges(profile) : tier === 'identity' ? identityChanges(profile) : [];
}

function leverChanges(profile: WorkloadProfile): Array<ReturnType<typeof valueCandidate>> {
  const out: Array<ReturnType<typeof valueCandidate>> = [];
  if (QUEUEABLE.has(profile.kind) && ['bursty', 'variable', 'sporadic'].includes(profile.traffic)) {
    out.push(valueCandidate('lever', 'traffic', 'steady', (m) => `If a queue smoothed the load to a steady rate, ${lead(m)}.`));
  }
  const skill = CONTAINER_SKILLS.indexOf(profile.containerSkills);
  for (const value of CONTAINER_SKILLS.slice(skill + 1)) {
    out.push(valueCandidate('lever', 'containerSkills', value, (m) => `If the team had ${value} container skills, ${lead(m)}.`));
  }
  if (!profile.existingCluster) {
    out.push(
      valueCandidate(
        'lever',
        'existingCluster',
        true,
        (m) => `If the team already ran a Kubernetes cluster it could deploy to, ${lead(m)}.`,
      ),
    );
  }
  for (const cloud of CLOUDS) {
    if (cloud !== profile.cloud) out.push(valueCandidate('lever', 'cloud', cloud, (m) => `On ${CLOUD_LABELS[cloud]}, ${lead(m)}.`));
  }
  if (!profile.interruptible && !REQUEST_DRIVEN_KINDS.has(profile.kind)) {
    out.push(valueCandidate('lever', 'interruptible', true, (m) => `If runs could be retried on spot capacity, ${lead(m)}.`));
  }
  if (profile.latencyTargetMs !== undefined) {
    out.push(valueCandidate('lever', 'latencyTargetMs', undefined, (m) => `If latency did not matter (no p99 target), ${lead(m)}.`));
  }
  return out;
}

function identityChanges(profile: WorkloadProfile): Array<ReturnType<typeof valueCandidate>> {
  const out: Array<ReturnType<typeof valueCandidate>> = [];
  // Nearest first: how the traffic or the state looks can change with a design; the kind of workload rarely does.
  const identity: Array<[ProfileField, readonly string[], (v: string, m: Model) => string]> = [
    ['traffic', TRAFFIC_SHAPES, (v, m) => `If traffic were ${v}, ${lead(m)}.`],
    ['state', STATES, (v, m) => `If its state were ${STATE_PHRASES[v] ?? v}, ${lead(m)}.`],
    ['os', OS_NEEDS, (v, m) => `If it needed ${OS_PHRASES[v] ?? v}, ${lead(m)}.`],
    [
      'isolation',
      ISOLATION_LEVELS,
      (v, m) =>
        v === 'strict'
          ? `If compliance demanded hypervisor-level isolation, ${lead(m)}.`
          : `If standard isolation were enough, ${lead(m)}.`,
    ],
    [
      'portability',
      PORTABILITY_NEEDS,
      (v, m) =>
        v === 'none'
          ? `If one cloud were enough, ${lead(m)}.`
          : `If it had to run ${v === 'hybrid' ? 'on premises too' : 'on several clouds'}, ${lead(m)}.`,
    ],
    ['kind', WORKLOAD_KINDS, (v, m) => `If it were ${KIND_PHRASES[v] ?? v}, ${lead(m)}.`],
  ];
  for (const [field, values, text] of identity) {
    for (const value of values) {
      if (profile[field] !== value) out.push(valueCandidate('identity', field, value, (m) => text(value, m)));
    }
  }
  out.push(
    valueCandidate('identity', 'edge', !profile.edge, (m) =>
      profile.edge
        ? `If it did not need to run near users worldwide, ${lead(m)}.`
        : `If it had to run close to users worldwide, ${lead(m)}.`,
    ),
  );
  for (const need of HARDWARE_NEEDS) {
    const has = profile.hardware.includes(need);
    const name = { gpu: 'GPUs', local_nvme: 'local NVMe disks', hsm: 'an HSM', special_network: 'special network access' }[need];
    out.push(
      valueCandidate(
        'identity',
        'hardware',
        has ? profile.hardware.filter((h) => h !== need) : [...profile.hardware, need],
        (m) => `If it ${has ? 'did not need' : 'needed'} ${name}, ${lead(m)}.`,
      ),
    );
  }
  return out;
}

/**
 * What would change the answer: levers the team controls first (the latency target, memory, splitting a long job,
 * a queue in front, container skills, an existing cluster, the cloud), each with the new pick and, where numeric,
 * the threshold; then volume; changes to the workload's identity only when nothing else flips it. One per field.
 */
export function findAnswerChanges(
  profile: WorkloadProfile,
  recommended: Model,
  evaluate: PickFor,
  options: { defaultMemoryMb: number; snaps: SnapPoints },
  limit = 4,
): AnswerChange[] {
  let evaluations = 0;
  const seen = new Map<string, Model>();
  const pickFor = (changed: WorkloadProfile, field: ProfileField): Model => {
    // Every probe changes one answer of `profile`: that answer alone tells probes apart.
    const value = changed[field];
    const key = `${field}=${Array.isArray(value) ? value.join('+') : String(value)}`;
    const known = seen.get(key);
    if (known) return known;
    // Out of budget: report no flip, so the search winds down with what it has found.
    if (evaluations >= MAX_EVALUATIONS) return recommended;
    evaluations++;
    const model = evaluate(changed);
    seen.set(key, model);
    return model;
  };
  const candidates: Candidate[] = [];
  for (const spec of numericSpecs(profile, options.defaultMemoryMb, options.snaps)) {
    if (spec.current === undefined || !(spec.current > 0)) continue;
    const current = spec.current;
    for (const up of spec.directions) {
      candidates.push({
        tier: spec.tier,
        field: spec.field,
        size: 0,
        probe: () => {
          const found = numericProbe(profile, spec.field, current, up, spec, recommended, pickFor);
          return (
            found && {
              value: found.value,
              model: found.model,
              text: spec.text(up, found.shown ?? found.value, found.model, found.inclusive),
            }
          );
        },
      });
    }
  }
  const categorical = (tier: Tier): Candidate[] =>
    categoricalChanges(profile, tier).map((change) => ({
      tier: change.tier,
      field: change.field,
      size: 1,
      probe: () => {
        const model = pickFor(withValue(profile, change.field, change.value), change.field);
        return model === recommended ? undefined : { value: change.value, model, text: change.text(model) };
      },
    }));

  const found: Array<AnswerChange & { tier: Tier; size: number }> = [];
  const takenFields = new Set<string>();
  for (const tier of ['lever', 'volume', 'identity'] as const) {
    // Volume changes fill in only where few levers were found; the workload's identity only where nothing was.
    if (tier === 'volume' && found.length >= 2) break;
    if (tier === 'identity' && found.length > 0) break;
    // Built per tier: most cards never reach the workload's identity.
    for (const candidate of [...candidates, ...categorical(tier)]) {
      if (candidate.tier !== tier || takenFields.has(`${tier}:${candidate.field}`)) continue;
      const result = candidate.probe();
      if (!result) continue;
      takenFields.add(`${tier}:${candidate.field}`);
      const size =
        typeof result.value === 'number' && typeof profile[candidate.field] === 'number'
          ? Math.abs(Math.log(result.value / (profile[candidate.field] as number)))
          : candidate.size;
      found.push({
        field: candidate.field,
        value: result.value,
        recommended: result.model,
        lever: tier === 'lever',
        text: result.text,
        tier,
        size,
      });
      // The workload's identity is a fallback: two such changes say enough.
      if (tier === 'identity' && found.length >= 2) break;
    }
    if (found.length >= limit) break;
  }
  const tierRank = { lever: 0, volume: 1, identity: 2 } as const;
  found.sort((a, b) => tierRank[a.tier] - tierRank[b.tier] || a.size - b.size);
  return found.slice(0, limit).map(({ tier: _tier, size: _size, ...change }) => change);
}

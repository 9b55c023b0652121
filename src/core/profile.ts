import { z } from 'zod';
import { CLOUDS } from './clouds.js';

export const WORKLOAD_KINDS = [
  'api',
  'web_app',
  'event_processing',
  'batch_job',
  'stream_processing',
  'database',
  'ml_training',
  'ml_inference',
  'dev_tooling',
  'legacy_app',
  'other',
] as const;
export const STATES = ['stateless', 'external_store', 'in_memory_session', 'local_persistent'] as const;
export const TRAFFIC_SHAPES = ['steady', 'variable', 'bursty', 'sporadic', 'scheduled'] as const;
export const OS_NEEDS = ['any_linux', 'specific_linux', 'windows', 'custom_kernel'] as const;
export const HARDWARE_NEEDS = ['gpu', 'local_nvme', 'hsm', 'special_network'] as const;
export const ISOLATION_LEVELS = ['standard', 'strict'] as const;
export const RUNTIMES = ['node', 'python', 'go', 'java', 'dotnet', 'rust', 'ruby', 'php', 'other'] as const;
export const RUNTIME_LABELS: Record<(typeof RUNTIMES)[number], string> = {
  node: 'Node.js',
  python: 'Python',
  go: 'Go',
  java: 'Java',
  dotnet: '.NET',
  rust: 'Rust',
  ruby: 'Ruby',
  php: 'PHP',
  other: 'another runtime',
};
export const CONTAINER_SKILLS = ['none', 'basic', 'strong'] as const;
export const PORTABILITY_NEEDS = ['none', 'hybrid', 'multi_cloud'] as const;

/** The most a name may hold: it is echoed in chat headers (Slack header blocks allow 150 chars). */
export const MAX_NAME_LENGTH = 80;

/** Upper bounds keep every derived figure finite; each is far beyond any real workload. */
export const PROFILE_LIMITS = {
  peakToBaseline: 1_000_000,
  avgRequestsPerSecond: 100_000_000,
  runsPerDay: 100_000_000,
  durationSeconds: 31 * 86_400,
  latencyTargetMs: 3_600_000,
  memoryMb: 16 * 1024 * 1024,
} as const;

const positive = (field: keyof typeof PROFILE_LIMITS) =>
  z
    .number({ error: 'must be a number' })
    .positive({ error: 'must be greater than 0' })
    .max(PROFILE_LIMITS[field], { error: `must be at most ${PROFILE_LIMITS[field].toLocaleString('en-US')}` });
const nonNegative = (field: keyof typeof PROFILE_LIMITS) =>
  z
    .number({ error: 'must be a number' })
    .min(0, { error: 'must be 0 or more' })
    .max(PROFILE_LIMITS[field], { error: `must be at most ${PROFILE_LIMITS[field].toLocaleString('en-US')}` });

/** The id of a lens question's answer: rules read it as the fact custom.<id>. */
const CUSTOM_ID = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** An answer to a lens question, as the interview stores it: a choice, several, a number, yes/no or a short text. */
export const CustomAnswerSchema = z.union([z.string().max(200), z.number().finite(), z.boolean(), z.array(z.string().max(100)).max(50)]);
export type CustomAnswer = z.infer<typeof CustomAnswerSchema>;

/** Rules and askWhen conditions read a custom answer as the fact custom.<id>. */
export const CUSTOM_FACT_PREFIX = 'custom.';
/** A custom fact's whole name, custom.<snake_case id>: a lens question's field, read by rules under that name. */
export const CUSTOM_FIELD = /^custom\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
export function isCustomFact(name: string): boolean {
  return name.startsWith(CUSTOM_FACT_PREFIX);
}

/**
 * The workload profile: the one input of the decision core.
 * Field names and values are a published contract (CLI files, stored interviews): never rename them.
 */
export const WorkloadProfileSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(MAX_NAME_LENGTH, { error: `must be at most ${MAX_NAME_LENGTH} characters` }),
    kind: z.enum(WORKLOAD_KINDS),
    state: z.enum(STATES).default('stateless'),
    traffic: z.enum(TRAFFIC_SHAPES),
    peakToBaseline: z
      .number({ error: 'must be a number' })
      .min(1, { error: 'must be 1 or more' })
      .max(PROFILE_LIMITS.peakToBaseline, { error: `must be at most ${PROFILE_LIMITS.peakToBaseline.toLocaleString('en-US')}` })
      .optional(),
    avgRequestsPerSecond: nonNegative('avgRequestsPerSecond').optional(),
    runsPerDay: nonNegative('runsPerDay').optional(),
    durationSeconds: positive('durationSeconds'),
    latencyTargetMs: positive('latencyTargetMs').optional(),
    memoryMb: positive('memoryMb').optional(),
    os: z.enum(OS_NEEDS).default('any_linux'),
    hardware: z
      .array(z.enum(HARDWARE_NEEDS))
      .default([])
      .transform((list) => [...new Set(list)]),
    isolation: z.enum(ISOLATION_LEVELS).default('standard'),
    runtime: z.enum(RUNTIMES).optional(),
    containerSkills: z.enum(CONTAINER_SKILLS).default('basic'),
    portability: z.enum(PORTABILITY_NEEDS).default('none'),
    edge: z.boolean().default(false),
    /** The cloud whose services, limits and list prices the advice uses. */
    cloud: z.enum(CLOUDS).default('aws'),
    /** A job that can be retried when its capacity is taken back: spot / preemptible capacity is priced for it. */
    interruptible: z.boolean().default(false),
    /** The team already runs a Kubernetes cluster it can deploy to: no new control plane or baseline nodes. */
    existingCluster: z.boolean().default(false),
    /** Answers to the active lenses' own questions (see src/core/lens.ts), checked against them where lenses load. */
    custom: z.record(z.string().regex(CUSTOM_ID, { error: 'a custom answer id is snake_case' }), CustomAnswerSchema).optional(),
  })
  .strict();

/** A validated profile with defaults filled in. */
export type WorkloadProfile = z.infer<typeof WorkloadProfileSchema>;
/** What a user may write: defaults may be left out. */
export type WorkloadProfileInput = z.input<typeof WorkloadProfileSchema>;
export type ProfileField = keyof WorkloadProfile;

export const PROFILE_FIELDS = Object.keys(WorkloadProfileSchema.shape) as ProfileField[];

/** Fields the schema fills with a default when they are left out. */
export const DEFAULTED_FIELDS: ReadonlySet<ProfileField> = new Set(
  PROFILE_FIELDS.filter((field) => {
    const left = (WorkloadProfileSchema.shape[field] as z.ZodType).safeParse(undefined);
    return left.success && left.data !== undefined;
  }),
);

/** The fields of a raw profile that the schema will fill with defaults, so the advice can say what it assumed. */
export function defaultedFields(raw: unknown): ProfileField[] {
  const given = typeof raw === 'object' && raw !== null ? raw : {};
  return [...DEFAULTED_FIELDS].filter((field) => (given as Record<string, unknown>)[field] === undefined);
}

/**
 * Validates a raw profile with an organisation's defaults standing in for the fields it leaves out, then the schema's.
 * `defaulted` names every field a default filled (a lens's or the schema's), so the advice can say what it assumed.
 */
export function parseProfile(
  raw: Readonly<Record<string, unknown>>,
  defaults: Readonly<Partial<WorkloadProfileInput>> = {},
): ReturnType<typeof WorkloadProfileSchema.safeParse> & { defaulted: ProfileField[] } {
  const given: Record<string, unknown> = { ...raw };
  for (const [field, value] of Object.entries(defaults)) if (given[field] === undefined) given[field] = value;
  return Object.assign(WorkloadProfileSchema.safeParse(given, { reportInput: true }), { defaulted: defaultedFields(raw) });
}

import { z } from 'zod';
import { CLOUDS } from './clouds.js';
import { QuestionSchema } from './interview/question.js';
import { MODELS, VERDICTS } from './models.js';
import { DEFAULTED_FIELDS, WorkloadProfileSchema, type ProfileField, type WorkloadProfileInput } from './profile.js';
import { checkHardCaps, ReferenceSchema, RuleEffectSchema, RuleFields, SnakeCaseId, SourceRefSchema } from './rule-set.js';

/**
 * An organisation lens: a team's own rules, bans, prices, golden paths and questions, applied over the built-in
 * rules without editing them (docs/LENSES.md). One YAML file per lens, validated here; apply-lenses.ts applies it.
 */

/** A link shown on the card under a model: a golden path, a template, a runbook. */
const LinkSchema = z
  .object({
    title: z.string().trim().min(1).max(80),
    url: z.url({ protocol: /^https$/, error: 'an https URL' }).max(300),
  })
  .strict();
export type Link = z.infer<typeof LinkSchema>;

const ModelPolicySchema = z
  .object({
    /** false: an organisation ban, a hard fact that rules the model out with `reason` on the card. */
    allowed: z.boolean().default(true),
    reason: z.string().trim().min(1).max(200).optional(),
    /** The policy the ban rests on: an id under the lens's `sources` (or rules/sources.yaml), cited on the card. */
    source: SourceRefSchema.optional(),
    links: z.array(LinkSchema).max(3).default([]),
  })
  .strict()
  .refine((policy) => policy.allowed || policy.reason !== undefined, {
    error: 'a model with allowed: false needs a reason (shown on the card)',
    path: ['reason'],
  })
  .refine((policy) => policy.allowed || policy.source !== undefined, {
    error: 'a model with allowed: false needs a source: the policy it rests on, by its id under sources',
    path: ['source'],
  })
  .refine((policy) => !policy.allowed || (policy.reason === undefined && policy.source === undefined), {
    error: 'reason and source belong to a ban (allowed: false)',
    path: ['reason'],
  });

/** An extra rule: the built-in rule schema, plus `replaces` to stand in for a built-in rule of another id or the same. */
const LensRuleSchema = RuleFields.extend({ replaces: SnakeCaseId.optional() }).strict().superRefine(checkHardCaps);

/** Changes a rule already in force by id: switches it off, or gives models new effects; always with a reason. */
const AdjustSchema = z.union([
  z.object({ id: SnakeCaseId, disable: z.literal(true), reason: z.string().trim().min(1).max(300) }).strict(),
  z
    .object({
      id: SnakeCaseId,
      effects: z.partialRecord(z.enum(MODELS), RuleEffectSchema).refine((effects) => Object.keys(effects).length > 0, {
        error: 'effects must name at least one model',
      }),
      reason: z.string().trim().min(1).max(300),
      /** The policy behind the change (an id under the lens's `sources`), cited next to the rule's own sources. */
      source: SourceRefSchema,
    })
    .strict(),
]);

const Share = z.number().min(0).max(0.95, { error: 'a discount is a share of the list price, from 0 to 0.95' });
const PRICED_ON_A_CLOUD = ['vm', 'containers', 'serverless_containers', 'faas'] as const;

const LensPricesSchema = z
  .object({
    /** Off the list price, per cloud and model (0.3 = 30% off); `edge` for WebAssembly at the edge. */
    discounts: z
      .object({
        ...Object.fromEntries(CLOUDS.map((cloud) => [cloud, z.partialRecord(z.enum(PRICED_ON_A_CLOUD), Share).optional()])),
        edge: Share.optional(),
      })
      .strict()
      .default({}),
    /** Entries that replace the price tables' own (same shape as rules/prices/<cloud>.yaml; VMs matched by name). */
    overrides: z.partialRecord(z.enum([...CLOUDS, 'edge']), z.record(z.string(), z.unknown())).default({}),
  })
  .strict();

/** A profile field's schema without its own default, so a lens's defaults hold only what the lens wrote. */
function withoutDefault(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault) return schema.unwrap() as z.ZodType;
  if (schema instanceof z.ZodPipe && schema.in instanceof z.ZodDefault) return schema.in.unwrap() as z.ZodType;
  return schema;
}

/** Organisation defaults for the profile fields a requester may leave out (cloud, existingCluster, ...). */
const LensDefaultsSchema = z
  .object(
    Object.fromEntries(
      [...DEFAULTED_FIELDS].map((field) => [field, withoutDefault(WorkloadProfileSchema.shape[field] as z.ZodType).optional()]),
    ) as Record<ProfileField, z.ZodOptional<z.ZodType>>,
  )
  .strict() as unknown as z.ZodType<Partial<WorkloadProfileInput>>;

/** A case `compute-advice lens test` runs: a profile and what the advice must say about it. */
const LensTestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** A workload profile as in a profile file; `custom` holds answers to the lenses' questions. */
    profile: z.record(z.string(), z.unknown()),
    expect: z
      .object({
        /** The pick must be this model, or one of these. */
        recommended: z.union([z.enum(MODELS), z.array(z.enum(MODELS)).min(1)]).optional(),
        /** Per model, the verdict it must get, or one of these. */
        verdicts: z.partialRecord(z.enum(MODELS), z.union([z.enum(VERDICTS), z.array(z.enum(VERDICTS)).min(1)])).optional(),
      })
      .strict()
      .refine((expect) => expect.recommended !== undefined || expect.verdicts !== undefined, {
        error: 'expect needs recommended, verdicts or both',
      }),
  })
  .strict();

const LENS_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export const LensSchema = z
  .object({
    name: z.string().regex(LENS_NAME, { error: 'a lens name is lowercase words joined by hyphens, like acme-platform' }).max(60),
    version: z
      .string({ error: 'version is a string, like "1.2.0" (quote it)' })
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, { error: 'version is letters, digits, dots, plus and hyphens, like 1.2.0' }),
    description: z.string().trim().min(1).max(300),
    /** The organisation's own documents its rules and bans cite, by id, as in rules/sources.yaml. */
    sources: z.record(SnakeCaseId, ReferenceSchema).default({}),
    defaults: LensDefaultsSchema.default({}),
    models: z.partialRecord(z.enum(MODELS), ModelPolicySchema).default({}),
    rules: z.array(LensRuleSchema).default([]),
    adjust: z.array(AdjustSchema).default([]),
    prices: LensPricesSchema.default({ discounts: {}, overrides: {} }),
    questions: z.array(QuestionSchema).default([]),
    tests: z.array(LensTestSchema).default([]),
  })
  .strict();
export type Lens = z.infer<typeof LensSchema>;

/** What a card and `/compute-advice lens` say about a lens. */
export interface LensInfo {
  name: string;
  version: string;
  description: string;
  hash: string;
}

/** "Lenses acme-platform 1.2.0, northbank-data 3.0.1" (or "Lens ..."; '' for none): how cards and digests name them. */
export function lensesLabel(lenses: ReadonlyArray<Pick<LensInfo, 'name' | 'version'>>): string {
  if (lenses.length === 0) return '';
  return `${lenses.length === 1 ? 'Lens' : 'Lenses'} ${lenses.map((lens) => `${lens.name} ${lens.version}`).join(', ')}`;
}

/** "acme-platform@1.2.0#1a2b3c4d5e6f": one lens's part of rulesVersion. */
export function lensTag(info: Pick<LensInfo, 'name' | 'version' | 'hash'>): string {
  return `${info.name}@${info.version}#${info.hash}`;
}

import { z } from 'zod';
import { ConditionSchema, FACT_NAME, FACT_NAME_ERROR } from './condition.js';
import { MODELS, VERDICTS } from './models.js';
import { IsoDateSchema } from './source.js';

export const SnakeCaseId = z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, { error: 'an id is snake_case, like faas_max_duration' });
const FactName = z.string().regex(FACT_NAME, { error: FACT_NAME_ERROR });

/**
 * What a rule rests on. Only hard evidence may rule a model out ("unsuitable"); soft evidence (cost at load, maturity,
 * traffic fit, team skills, portability) moves scores and can lower a model to "caution" at worst.
 */
export const EVIDENCE = ['platform_limit', 'state_model', 'framework_table', 'organisation_ban', 'soft'] as const;
export type Evidence = (typeof EVIDENCE)[number];
export const HARD_EVIDENCE: ReadonlySet<Evidence> = new Set(['platform_limit', 'state_model', 'framework_table', 'organisation_ban']);

/**
 * A score that follows a numeric fact smoothly: straight lines between the points, flat beyond the first and last.
 * Used where the truth is gradual (latency against cold starts, cost against load, duration near a limit).
 */
export const ScoreCurveSchema = z
  .object({
    fact: FactName,
    points: z
      .array(z.tuple([z.number().finite(), z.number().min(-100).max(100)]))
      .min(2)
      .refine((points) => points.every((point, i) => i === 0 || point[0] > points[i - 1]![0]), { error: 'curve points rise in x' }),
  })
  .strict();
export type ScoreCurve = z.infer<typeof ScoreCurveSchema>;

export const RuleEffectSchema = z
  .object({
    /** Moves the model's score: a fixed amount, or a curve over a numeric fact. */
    score: z.union([z.number().int().min(-100).max(100), ScoreCurveSchema]).optional(),
    /** The best verdict the model may get while this rule holds. */
    cap: z.enum(VERDICTS).optional(),
    /** The model-specific reason shown on its verdict line; {placeholders} name facts (see rules.yaml). */
    note: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((effect) => effect.score !== undefined || effect.cap !== undefined, { error: 'an effect needs a score, a cap or both' });

/** A public source by its id in rules/sources.yaml, or the chosen cloud's platform facts / price table. */
export const SourceRefSchema = z
  .object({
    id: z.union([
      SnakeCaseId,
      z.enum(['platform.faas', 'platform.serverless_containers', 'platform.containers', 'platform.edge', 'platform.start_times', 'prices']),
    ]),
    /** The part of the source that says it, e.g. a section title. */
    section: z.string().min(1).optional(),
  })
  .strict();
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A rule's fields, before the checks across them (the lens format extends it with `replaces`). */
export const RuleFields = z
  .object({
    id: SnakeCaseId,
    evidence: z.enum(EVIDENCE).default('soft'),
    when: ConditionSchema,
    effects: z.partialRecord(z.enum(MODELS), RuleEffectSchema).refine((effects) => Object.keys(effects).length > 0, {
      error: 'a rule must affect at least one model',
    }),
    reason: z.string().min(1).max(300),
    sources: z.array(SourceRefSchema).min(1),
  })
  .strict();

/** Only hard evidence may rule a model out: a soft rule that caps at unsuitable is refused. */
export function checkHardCaps(
  rule: { evidence: Evidence; effects: Partial<Record<string, RuleEffect | undefined>> },
  ctx: z.RefinementCtx,
): void {
  if (HARD_EVIDENCE.has(rule.evidence)) return;
  for (const [model, effect] of Object.entries(rule.effects)) {
    if (effect?.cap === 'unsuitable') {
      ctx.addIssue({
        code: 'custom',
        path: ['effects', model, 'cap'],
        message: `only hard evidence (${[...HARD_EVIDENCE].join(', ')}) may cap a model at unsuitable; this rule's evidence is ${rule.evidence}`,
      });
    }
  }
}

export const RuleSchema = RuleFields.superRefine(checkHardCaps);

/** rules/sources.yaml: the public documents rules cite. */
export const ReferenceSchema = z
  .object({
    /** As cited on cards: 'CIOPages, "Compute Models Explained: VMs, Containers, and Serverless" (2025)'. */
    title: z.string().min(1),
    url: z.url({ protocol: /^https$/ }).optional(),
    read: IsoDateSchema,
  })
  .strict();
export type Reference = z.infer<typeof ReferenceSchema>;
export const ReferencesSchema = z.record(SnakeCaseId, ReferenceSchema);

export const RuleSetSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, { error: 'version is YYYY.M.N, like 2026.11.0' }),
    baseScore: z.number().min(0).max(100),
    thresholds: z
      .object({ optimal: z.number(), good: z.number() })
      .strict()
      .refine((t) => t.optimal > t.good, { error: 'thresholds must fall: optimal > good' }),
    /** Leaders this close in score are a tie: the cheaper one at this volume wins, then tieBreakOrder. */
    tieMargin: z.number().min(0).max(50),
    /** Breaks ties that cost cannot (no volume given, or equal figures). */
    tieBreakOrder: z.array(z.enum(MODELS)).refine((order) => order.length === MODELS.length && new Set(order).size === MODELS.length, {
      error: `tieBreakOrder must list each of ${MODELS.join(', ')} once`,
    }),
    rules: z.array(RuleSchema).min(1),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `duplicate rule id ${rule.id}` });
      seen.add(rule.id);
    });
  });

export type RuleEffect = z.infer<typeof RuleEffectSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type RuleSet = z.infer<typeof RuleSetSchema>;

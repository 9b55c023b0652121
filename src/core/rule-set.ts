import { z } from 'zod';
import { ConditionSchema } from './condition.js';
import { MODELS, VERDICTS } from './models.js';

const SnakeCaseId = z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, { error: 'an id is snake_case, like faas_max_duration' });

export const RuleEffectSchema = z
  .object({
    /** Moves the model's score; softer evidence. */
    score: z.number().int().min(-100).max(100).optional(),
    /** The best verdict the model may get while this rule holds; a hard limit. */
    cap: z.enum(VERDICTS).optional(),
    /** A short model-specific reason for the verdict line; defaults to the rule's reason. */
    note: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((effect) => effect.score !== undefined || effect.cap !== undefined, { error: 'an effect needs a score, a cap or both' });

export const RuleSchema = z
  .object({
    id: SnakeCaseId,
    when: ConditionSchema,
    effects: z.partialRecord(z.enum(MODELS), RuleEffectSchema).refine((effects) => Object.keys(effects).length > 0, {
      error: 'a rule must affect at least one model',
    }),
    reason: z.string().min(1).max(300),
    source: z.string().min(1),
  })
  .strict();

export const RuleSetSchema = z
  .object({
    version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, { error: 'version is YYYY.M.N, like 2026.11.0' }),
    baseScore: z.number().min(0).max(100),
    thresholds: z
      .object({ optimal: z.number(), good: z.number(), caution: z.number() })
      .strict()
      .refine((t) => t.optimal > t.good && t.good > t.caution, { error: 'thresholds must fall: optimal > good > caution' }),
    /** Breaks equal scores; documented in rules.yaml. */
    tieBreakOrder: z
      .array(z.enum(MODELS))
      .refine((order) => order.length === MODELS.length && new Set(order).size === MODELS.length, {
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

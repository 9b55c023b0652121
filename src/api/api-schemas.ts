import { z } from 'zod';
import { PLATFORMS, RECORD_STATUSES, REVIEW_STATUSES, SIGN_OFF_STATES } from '../app/review-record.js';
import { MODELS, VERDICTS } from '../core/models.js';
import { WorkloadProfileSchema } from '../core/profile.js';

/**
 * The read API's contract: requests are validated with these schemas and the OpenAPI document is generated from
 * them, so the two cannot drift apart.
 */

export const MAX_LIST_LIMIT = 500;

const isoTime = z.iso.datetime().meta({ description: 'ISO 8601, UTC' });

/** `since`: a date (2026-03-01) or a date-time with an offset. */
const sinceSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'must be a date (2026-03-01) or an ISO 8601 date-time' })
  .transform((value) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));

export const ReviewListQuerySchema = z
  .object({
    status: z.enum(REVIEW_STATUSES).optional(),
    platform: z.enum(PLATFORMS).optional(),
    workspace: z.string().min(1).max(200).optional().meta({ description: 'Slack team id or Microsoft Entra tenant id' }),
    team: z.string().min(1).max(200).optional().meta({ description: 'the same as workspace' }),
    channel: z.string().min(1).max(200).optional(),
    since: sinceSchema.optional().meta({ description: 'reviews created at or after this date or time' }),
    limit: z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be 1 or more' })
      .max(MAX_LIST_LIMIT, { error: `must be at most ${MAX_LIST_LIMIT}` })
      .default(100),
  })
  .strict()
  .refine((q) => q.workspace === undefined || q.team === undefined || q.workspace === q.team, {
    error: 'workspace and team name the same thing: give one',
    path: ['team'],
  });

export const ErrorSchema = z
  .object({
    code: z.string().meta({ description: 'a stable machine-readable code' }),
    message: z.string().meta({ description: 'one line for people' }),
  })
  .meta({ id: 'Error' });

const model = z.enum(MODELS);

export const ReviewListItemSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    platform: z.enum(PLATFORMS),
    workspaceId: z.string(),
    channelId: z.string(),
    status: z.enum(REVIEW_STATUSES),
    recordStatus: z.enum(RECORD_STATUSES),
    recommended: model.nullable(),
    decision: model.nullable(),
    signOff: z.enum(SIGN_OFF_STATES),
    createdAt: isoTime,
    completedAt: isoTime.nullable(),
  })
  .strict();

export const ReviewListSchema = z.object({ reviews: z.array(ReviewListItemSchema) }).strict();

/** The decision core's answer: the fields clients rely on are checked; the rest is documented in the CLI's --json. */
export const RecommendationSchema = z.looseObject({
  rulesVersion: z.string(),
  recommended: model,
  verdicts: z.record(model, z.enum(VERDICTS)),
  summary: z.string(),
  ranking: z.array(z.looseObject({ model, verdict: z.enum(VERDICTS), score: z.number(), reasons: z.array(z.string()) })),
  whatWouldChange: z.array(z.string()),
  warnings: z.array(z.string()),
});

export const ReviewRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    platform: z.enum(PLATFORMS),
    workspaceId: z.string(),
    channelId: z.string(),
    threadRef: z.string().nullable(),
    requesterId: z.string(),
    status: z.enum(REVIEW_STATUSES),
    recordStatus: z.enum(RECORD_STATUSES),
    createdAt: isoTime,
    updatedAt: isoTime,
    completedAt: isoTime.nullable(),
    people: z.record(z.string(), z.string()),
    participants: z.array(
      z.object({ userId: z.string(), role: z.enum(['requester', 'participant']), addedBy: z.string(), addedAt: isoTime }).strict(),
    ),
    answers: z.array(
      z
        .object({
          questionId: z.string(),
          question: z.string(),
          value: z.unknown().meta({ description: 'as stored; null when skipped' }),
          label: z.string(),
          answeredBy: z.string(),
          answeredAt: isoTime,
          history: z.array(
            z
              .object({
                action: z.enum(['answer', 'change', 'skip', 'clear']),
                value: z.unknown(),
                label: z.string(),
                actor: z.string(),
                at: isoTime,
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    recommendation: z.object({ id: z.number().int(), createdAt: isoTime, result: RecommendationSchema }).strict().nullable(),
    decidingAnswers: z.array(z.object({ ruleId: z.string(), questionIds: z.array(z.string()) }).strict()),
    decisions: z.array(
      z.object({ model, againstAdvice: z.boolean(), decidedBy: z.string(), note: z.string().nullable(), at: isoTime }).strict(),
    ),
    signOff: z.enum(SIGN_OFF_STATES),
    approvers: z.array(
      z
        .object({
          approverId: z.string(),
          requestedBy: z.string(),
          requestedAt: isoTime,
          action: z.enum(['approved', 'changes_requested']).nullable(),
        })
        .strict(),
    ),
    signOffs: z.array(
      z
        .object({
          approverId: z.string(),
          action: z.enum(['approved', 'changes_requested']),
          note: z.string().nullable(),
          at: isoTime,
          lapsed: z.boolean(),
        })
        .strict(),
    ),
    supersedes: z.string().nullable(),
    supersededBy: z.string().nullable(),
  })
  .strict();

/** POST /evaluate takes a workload profile, as the CLI's `evaluate FILE` does. */
export const EvaluateRequestSchema = WorkloadProfileSchema;

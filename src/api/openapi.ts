import { z } from 'zod';
import {
  ErrorSchema,
  EvaluateRequestSchema,
  MAX_LIST_LIMIT,
  RecommendationSchema,
  ReviewListQuerySchema,
  ReviewListSchema,
  ReviewRecordSchema,
} from './api-schemas.js';
import { API_PREFIX } from './api-paths.js';

type JsonSchema = Record<string, unknown>;

/** A zod schema as a JSON Schema 2020-12 object (the dialect OpenAPI 3.1 uses), inline, without its $schema line. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' });
  return rest as JsonSchema;
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema: jsonSchema(schema, 'output') } });

function errors(...statuses: number[]): Record<string, unknown> {
  const text: Record<number, string> = {
    400: 'A parameter or the body is not valid: the message names the field and what is allowed.',
    401: 'No bearer token, or not one of API_TOKENS.',
    404: 'Not found, or the API is off (no API_TOKENS configured).',
    413: 'The body is larger than the limit.',
    415: 'The body is not JSON.',
    500: 'An unexpected failure; the server log has the details.',
  };
  return Object.fromEntries(statuses.map((status) => [String(status), { description: text[status], content: json(ErrorSchema) }]));
}

/** The query parameters of GET /reviews, from the same schema the handler validates with. */
function listParameters(): unknown[] {
  const schema = jsonSchema(ReviewListQuerySchema, 'input') as { properties: Record<string, JsonSchema> };
  return Object.entries(schema.properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: false, schema: rest, ...(description ? { description } : {}) };
  });
}

let cached: JsonSchema | undefined;

/** The OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function openApiDocument(version: string): JsonSchema {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'compute-advice read API',
      version,
      description: 'Stored compute reviews and their architecture decision records, and the advice for a profile. Read only.',
    },
    servers: [{ url: API_PREFIX }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'One of the tokens in API_TOKENS.' } } },
    paths: {
      '/reviews': {
        get: {
          operationId: 'listReviews',
          summary: `Reviews, newest first (at most ${MAX_LIST_LIMIT})`,
          parameters: listParameters(),
          responses: { '200': { description: 'The reviews that match.', content: json(ReviewListSchema) }, ...errors(400, 401, 404, 500) },
        },
      },
      '/reviews/{id}': {
        get: {
          operationId: 'getReview',
          summary: 'One review: answers with history, recommendation, decisions, sign-offs',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The review.', content: json(ReviewRecordSchema) }, ...errors(401, 404, 500) },
        },
      },
      '/reviews/{id}/adr': {
        get: {
          operationId: 'getReviewAdr',
          summary: 'One review as a MADR 4.0 architecture decision record',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'Markdown with YAML front matter.', content: { 'text/markdown': { schema: { type: 'string' } } } },
            ...errors(401, 404, 500),
          },
        },
      },
      '/evaluate': {
        post: {
          operationId: 'evaluate',
          summary: 'The advice for a workload profile; nothing is stored',
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(EvaluateRequestSchema, 'input') } } },
          responses: {
            '200': { description: 'The recommendation.', content: json(RecommendationSchema) },
            ...errors(400, 401, 404, 413, 415, 500),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          summary: 'This document',
          security: [],
          responses: {
            '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
            ...errors(404),
          },
        },
      },
    },
  };
  return cached;
}

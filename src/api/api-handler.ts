import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReviewRecords } from '../app/review-records.js';
import { formatIssues } from '../core/format-issues.js';
import { defaultedFields } from '../core/profile.js';
import { recommend, type DecisionContent } from '../core/recommend.js';
import { readJsonObjectBody, sendJson } from '../http/json-body.js';
import type { Logger } from '../logger.js';
import { renderMadr } from '../render/madr.js';
import { EvaluateRequestSchema, ReviewListQuerySchema } from './api-schemas.js';
import type { BearerTokens } from './bearer-tokens.js';
import { API_PREFIX } from './api-paths.js';
import { openApiDocument } from './openapi.js';

/** A profile is a few hundred bytes; anything near this is not one. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ApiDeps {
  /** The app layer's read use cases: the API never reaches storage itself. */
  records: Pick<ReviewRecords, 'get' | 'list'>;
  content: DecisionContent;
  tokens: BearerTokens;
  /** The package version, for the OpenAPI document. */
  version: string;
  logger?: Logger;
}

type Route =
  | { name: 'openapi' }
  | { name: 'list' }
  | { name: 'review'; id: string }
  | { name: 'adr'; id: string }
  | { name: 'evaluate' }
  | { name: 'unknown' };

const ALLOWED: Record<Route['name'], string> = { openapi: 'GET', list: 'GET', review: 'GET', adr: 'GET', evaluate: 'POST', unknown: '' };

function route(path: string): Route {
  const rest = path.slice(API_PREFIX.length);
  if (rest === '/openapi.json') return { name: 'openapi' };
  if (rest === '/reviews') return { name: 'list' };
  if (rest === '/evaluate') return { name: 'evaluate' };
  const review = /^\/reviews\/([^/]+)(\/adr)?$/.exec(rest);
  if (review) {
    let id: string;
    try {
      id = decodeURIComponent(review[1]!);
    } catch {
      return { name: 'unknown' };
    }
    return review[2] ? { name: 'adr', id } : { name: 'review', id };
  }
  return { name: 'unknown' };
}

function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, { code, message }, headers);
}

/** The query string as an object; a parameter given twice is refused rather than silently picking one. */
function queryObject(params: URLSearchParams): { ok: true; query: Record<string, string> } | { ok: false; name: string } {
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in query) return { ok: false, name };
    query[name] = value;
  }
  return { ok: true, query };
}

/**
 * The read API under /api/v1/: a node:http handler for any request whose path isApiPath(). Off (404) without tokens;
 * every route but the OpenAPI document needs a bearer token. Tokens are never logged: only the path is.
 */
export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!deps.tokens.enabled) {
      req.resume();
      return sendError(res, 404, 'api_off', 'the read API is off: set API_TOKENS to turn it on');
    }
    const target = route(url.pathname);
    if (target.name === 'unknown') {
      req.resume();
      return sendError(res, 404, 'not_found', `no such endpoint: ${url.pathname} (see ${API_PREFIX}/openapi.json)`);
    }
    const allowed = ALLOWED[target.name];
    if (req.method !== allowed) {
      req.resume();
      return sendError(res, 405, 'method_not_allowed', `${url.pathname} takes ${allowed}`, { allow: allowed });
    }
    if (target.name === 'openapi') return sendJson(res, 200, openApiDocument(deps.version));

    const auth = deps.tokens.check(req.headers.authorization);
    if (auth !== 'ok') {
      req.resume();
      const challenge = { 'www-authenticate': `Bearer realm="compute-advice"${auth === 'wrong' ? ', error="invalid_token"' : ''}` };
      return auth === 'missing'
        ? sendError(res, 401, 'unauthorized', 'send Authorization: Bearer <token>, one of API_TOKENS', challenge)
        : sendError(res, 401, 'invalid_token', 'the bearer token is not one of API_TOKENS', challenge);
    }

    switch (target.name) {
      case 'list': {
        const raw = queryObject(url.searchParams);
        if (!raw.ok) return sendError(res, 400, 'invalid_query', `${raw.name}: give it once`);
        const parsed = ReviewListQuerySchema.safeParse(raw.query, { reportInput: true });
        if (!parsed.success) return sendError(res, 400, 'invalid_query', formatIssues(parsed.error).join('; '));
        const { status, platform, workspace, team, channel, since, limit } = parsed.data;
        const workspaceId = workspace ?? team;
        const reviews = await deps.records.list({
          limit,
          ...(status ? { status } : {}),
          ...(platform ? { platform } : {}),
          ...(workspaceId ? { workspaceId } : {}),
          ...(channel ? { channelId: channel } : {}),
          ...(since !== undefined ? { since } : {}),
        });
        return sendJson(res, 200, { reviews });
      }
      case 'review':
      case 'adr': {
        const record = await deps.records.get(target.id);
        if (!record) return sendError(res, 404, 'not_found', `no review with id ${target.id}`);
        if (target.name === 'review') return sendJson(res, 200, record);
        const markdown = renderMadr(record);
        res.writeHead(200, {
          'content-type': 'text/markdown; charset=utf-8',
          'content-length': String(Buffer.byteLength(markdown)),
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        res.end(markdown);
        return;
      }
      case 'evaluate': {
        const body = await readJsonObjectBody(req, {
          limitBytes: MAX_BODY_BYTES,
          requireJsonContentType: true,
          what: '(a workload profile)',
        });
        if (!body.ok) {
          const code = body.status === 413 ? 'body_too_large' : body.status === 415 ? 'unsupported_media_type' : 'invalid_body';
          return sendError(res, body.status, code, body.message);
        }
        const parsed = EvaluateRequestSchema.safeParse(body.body, { reportInput: true });
        if (!parsed.success) return sendError(res, 400, 'invalid_profile', formatIssues(parsed.error).join('; '));
        return sendJson(res, 200, recommend(deps.content, parsed.data, { defaulted: defaultedFields(body.body) }));
      }
    }
  };
}

/** Wraps the handler so a failure answers 500 as JSON and is logged with the path only (never a header). */
export function safeApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const handle = createApiHandler(deps);
  return (req, res) =>
    handle(req, res).catch((error: unknown) => {
      deps.logger?.error({ err: error, path: (req.url ?? '').split('?')[0] }, 'api request failed');
      sendError(res, 500, 'internal_error', 'internal error');
    });
}

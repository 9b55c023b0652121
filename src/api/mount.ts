import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { sendJsonError } from '../http/json-body.js';
import { ADR_LINK_PREFIX } from '../app/adr-exports.js';
import { isAdrLinkPath } from './adr-link-handler.js';
import { API_PREFIX, isApiPath } from './api-paths.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** A request listener: paths `matches` accepts to `handler`, anything else to `next` (or a JSON 404). */
function routeByPath(matches: (path: string) => boolean, handler: Handler, next?: Handler): Handler {
  return (req, res) => {
    if (matches((req.url ?? '/').split('?')[0] ?? '/')) return handler(req, res);
    if (next) return next(req, res);
    req.resume();
    sendJsonError(res, 404, 'not found');
  };
}

/** A fallback for the Teams request listener: /api/v1/ to the API, anything else to `fallback` (or a JSON 404). */
export function withApiRoutes(api: Handler, fallback?: Handler): Handler {
  return routeByPath(isApiPath, api, fallback);
}

/** Bolt customRoutes that hand every method under /api/v1 to the API, which routes and answers 404/405 itself. */
export function apiBoltRoutes(api: Handler): CustomRoute[] {
  const handler = (req: IncomingMessage, res: ServerResponse) => void api(req, res);
  return [
    { path: API_PREFIX, method: ALL_METHODS, handler },
    { path: `${API_PREFIX}/*rest`, method: ALL_METHODS, handler },
  ];
}

/** A fallback for the Teams request listener or the health server: /adr/ to the ADR links, anything else to `next` (or a JSON 404). */
export function withAdrLinks(adrLinks: Handler, next?: Handler): Handler {
  return routeByPath(isAdrLinkPath, adrLinks, next);
}

/** Bolt customRoutes for the ADR links; the handler answers 404 to what is not a link. */
export function adrLinkBoltRoutes(adrLinks: Handler): CustomRoute[] {
  const handler = (req: IncomingMessage, res: ServerResponse) => void adrLinks(req, res);
  return [{ path: `${ADR_LINK_PREFIX}*rest`, method: ALL_METHODS, handler }];
}

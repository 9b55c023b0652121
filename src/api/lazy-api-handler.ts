import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiDeps } from './api-handler.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The read API's handler, loaded on its first request: its zod schemas, OpenAPI document and record renderer are not
 * needed for the bot to start answering Slack and Teams, and most installations never call the API.
 */
export function lazyApiHandler(deps: ApiDeps): Handler {
  let loaded: Promise<Handler> | undefined;
  return async (req, res) => {
    loaded ??= import('./api-handler.js').then((api) => api.safeApiHandler(deps));
    return (await loaded)(req, res);
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import { PlaygroundConnector, type ConnectorLimits } from './bot-connector.js';
import { sendError } from './http-util.js';
import { PLAYGROUND_PATHS } from './local-identity.js';
import { handleApi, type PlaygroundServices } from './playground-api.js';
import { PAGE_CSP, findPlaygroundDir, resolveStaticPath, resolveVendorFile, sendFile } from './static-files.js';

export interface PlaygroundHandlerOptions {
  services: PlaygroundServices;
  logger?: Logger;
  /** The folder with index.html, app.js and styles.css; default: playground/ at the repository root. */
  playgroundDir?: string;
  connectorLimits?: ConnectorLimits;
}

/** A node:http fallback handler (for startTeamsServer) with the connector it records the bot's messages in. */
export type PlaygroundHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & {
  connector: PlaygroundConnector;
};

const VENDOR_CACHE = 'public, max-age=3600';

/**
 * The local-mode playground, mounted as the Teams server's fallback (everything but POST /api/messages and
 * GET /healthz):
 * - GET  /  and /playground/             the page (playground/index.html)
 * - GET  /playground/<file>              its scripts, styles and images
 * - GET  /playground/vendor/adaptivecards.js|.css   the official Adaptive Cards renderer, from node_modules
 * - *    /playground/connector/v3/...    the Bot Connector the bot replies to (the page's serviceUrl)
 * - GET  /playground/api/...             session, conversation activities (long poll), reviews, cards
 * The page sends its messages to the real bot endpoint, POST /api/messages, like Teams would.
 */
export function createPlaygroundHandler(options: PlaygroundHandlerOptions): PlaygroundHandler {
  const root = options.playgroundDir ?? findPlaygroundDir();
  const connector = new PlaygroundConnector(options.connectorLimits);
  const log = options.logger?.child({ component: 'playground' });
  const ctx = { services: options.services, connector };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://playground.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path.startsWith(PLAYGROUND_PATHS.connector)) return connector.handle(req, res, path.slice(PLAYGROUND_PATHS.connector.length));
    if (path.startsWith(PLAYGROUND_PATHS.api)) return handleApi(ctx, req, res, path.slice(PLAYGROUND_PATHS.api.length), url.searchParams);

    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(res, 405, 'method not allowed');
    }
    if (path === '/' || path === '/playground' || path === PLAYGROUND_PATHS.page || path === '/index.html') {
      return sendFile(req, res, join(root, 'index.html'), { headers: { 'content-security-policy': PAGE_CSP } });
    }
    if (path === '/favicon.ico')
      return sendFile(req, res, join(root, 'favicon.svg'), { cacheControl: VENDOR_CACHE, headers: { 'content-type': 'image/svg+xml' } });
    if (path.startsWith(PLAYGROUND_PATHS.vendor)) {
      const file = resolveVendorFile(path.slice(PLAYGROUND_PATHS.vendor.length));
      if (!file) {
        log?.warn({ path }, 'playground vendor file not found (is the adaptivecards package installed?)');
        return sendError(res, 404, 'not found');
      }
      return sendFile(req, res, file, { cacheControl: VENDOR_CACHE });
    }
    if (path.startsWith(PLAYGROUND_PATHS.page)) {
      const file = await resolveStaticPath(root, path.slice(PLAYGROUND_PATHS.page.length));
      if (!file) return sendError(res, 404, 'not found');
      const headers: Record<string, string> = file.endsWith('.html') ? { 'content-security-policy': PAGE_CSP } : {};
      return sendFile(req, res, file, { headers });
    }
    return sendError(res, 404, 'not found');
  };
  return Object.assign(handler, { connector });
}

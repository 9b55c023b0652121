import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { SHUTDOWN_DEADLINE_MS } from '../inbox/inbox-runner.js';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { HEALTH_PATH, sendHealth } from '../http/health.js';
import { sendJsonError } from '../http/json-body.js';
import { isLoopbackHostHeader } from '../http/loopback.js';
import type { TeamsBot } from './teams-bot.js';

export const TEAMS_MESSAGES_PATH = '/api/messages';

export interface TeamsRequestListenerOptions {
  /** Anything that is not POST /api/messages or GET /healthz, e.g. the local playground's pages. Default: 404. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
  logger?: Logger;
}

/**
 * A node:http request listener: POST /api/messages to the bot, GET /healthz, the rest to `fallback`. Composable.
 * With authentication off (local mode, the Emulator) it answers only requests addressed to a loopback name: a web page
 * that re-binds its own host name to 127.0.0.1 sends that name in Host, and is refused.
 */
export function createTeamsRequestListener(
  teams: Pick<TeamsBot, 'handle'> & Partial<Pick<TeamsBot, 'authEnabled' | 'health'>>,
  options: TeamsRequestListenerOptions = {},
): RequestListener {
  const loopbackOnly = teams.authEnabled === false;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (loopbackOnly && !isLoopbackHostHeader(req.headers.host)) {
      req.resume();
      return sendJsonError(res, 403, 'this server answers only requests addressed to localhost');
    }
    const work = async () => {
      if (path === TEAMS_MESSAGES_PATH) return teams.handle(req, res);
      // 503 while the database refuses writes (a full disk): answers could not be stored
      if (path === HEALTH_PATH && req.method === 'GET') return sendHealth(res, teams.health);
      if (options.fallback) return options.fallback(req, res);
      return sendJsonError(res, 404, 'not found');
    };
    work().catch((error: unknown) => {
      options.logger?.error({ err: error, path }, 'http request failed');
      sendJsonError(res, 500, 'internal error');
    });
  };
}

export interface TeamsServer {
  server: Server;
  port: number;
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  close(): Promise<void>;
}

export interface StartTeamsServerOptions extends TeamsRequestListenerOptions {
  teams: Pick<TeamsBot, 'handle'> & Partial<Pick<TeamsBot, 'start' | 'stop' | 'authEnabled' | 'close' | 'health'>>;
  /** How long close() waits for turns in hand (default SHUTDOWN_DEADLINE_MS). */
  shutdownDeadlineMs?: number;
  /** Default 3978 (Bot Framework convention); 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** Serves the bot on node:http (no framework). */
export async function startTeamsServer(options: StartTeamsServerOptions): Promise<TeamsServer> {
  const server = createServer(createTeamsRequestListener(options.teams, options));
  // Teams turns time out after 10-15 s; keep sockets a little longer than the connector's keep-alive.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3978, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  options.logger?.info({ port, host, path: TEAMS_MESSAGES_PATH }, 'teams endpoint listening');
  // what a stopped or crashed process acknowledged but never finished
  options.teams.start?.();
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Message turns answer 200 before they reply: let those replies go out before the database closes, up to the
      // deadline; what is left stays in the inbox for the next start.
      await options.teams.stop?.(options.shutdownDeadlineMs ?? SHUTDOWN_DEADLINE_MS);
      server.closeAllConnections();
      await closed;
      options.teams.close?.();
    },
  };
}

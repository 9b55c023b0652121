import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SqlDatabase } from '../storage/sql-database.js';
import { sendJson, sendJsonError } from './json-body.js';

/** Load balancers, the container HEALTHCHECK and systemd watchers ask here; it answers on PORT whatever runs. */
export const HEALTH_PATH = '/healthz';

export interface HealthReport {
  status: 'ok' | 'degraded';
  [detail: string]: unknown;
}

export type HealthCheck = () => HealthReport | Promise<HealthReport>;

const ALWAYS_OK: HealthCheck = () => ({ status: 'ok' });

/** How long the database may take to answer the health check's trivial query. */
const DATABASE_PING_TIMEOUT_MS = 2_000;

/**
 * Degraded while the database refuses writes (a full disk, a read-only file), naming why, or does not answer a
 * trivial query within DATABASE_PING_TIMEOUT_MS (a PostgreSQL server that is down or unreachable).
 */
export function storageHealthCheck(services: { health(): { ok: boolean; storage: string }; database?: SqlDatabase }): HealthCheck {
  return async () => {
    const { ok, storage } = services.health();
    const database = services.database;
    if (database) {
      const reachable = await ping(database);
      if (reachable !== true) return { status: 'degraded', database: database.dialect, storage: 'unreachable', error: reachable };
    }
    const engine = database ? { database: database.dialect } : {};
    return ok ? { status: 'ok', ...engine } : { status: 'degraded', ...engine, storage };
  };
}

/** true, or why the database did not answer. */
async function ping(database: SqlDatabase): Promise<true | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DATABASE_PING_TIMEOUT_MS} ms`)), DATABASE_PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([database.ping(), timeout]);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error instanceof Error ? error.message.split('\n')[0]! : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** 200 with the report while healthy, 503 while degraded (so a load balancer takes the instance out). */
export function sendHealth(res: ServerResponse, check: HealthCheck = ALWAYS_OK): void {
  void Promise.resolve()
    .then(check)
    .then(
      (report) => sendJson(res, report.status === 'ok' ? 200 : 503, report),
      () => sendJson(res, 503, { status: 'degraded' }),
    );
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A listener with only GET /healthz, for a process with no HTTP server of its own (Slack over Socket Mode alone), so
 * the same health check works in every setup.
 */
export async function startHealthServer(options: {
  host: string;
  port: number;
  check?: HealthCheck;
  /** Anything but GET /healthz (the ADR links); default 404. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === HEALTH_PATH && req.method === 'GET') return sendHealth(res, options.check);
    if (options.fallback) return void options.fallback(req, res);
    sendJsonError(res, 404, 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

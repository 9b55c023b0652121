import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import { sendJson, sendJsonError } from './json-body.js';

/** Load balancers, the container HEALTHCHECK and systemd watchers ask here; it answers on PORT whatever runs. */
export const HEALTH_PATH = '/healthz';

export interface HealthReport {
  status: 'ok' | 'degraded';
  [detail: string]: unknown;
}

export type HealthCheck = () => HealthReport;

const ALWAYS_OK: HealthCheck = () => ({ status: 'ok' });

/** Degraded while the database refuses writes (a full disk, a read-only file), naming why. */
export function storageHealthCheck(services: { health(): { ok: boolean; storage: string } }): HealthCheck {
  return () => {
    const { ok, storage } = services.health();
    return ok ? { status: 'ok' } : { status: 'degraded', storage };
  };
}

/** 200 with the report while healthy, 503 while degraded (so a load balancer takes the instance out). */
export function sendHealth(res: ServerResponse, check: HealthCheck = ALWAYS_OK): void {
  const report = check();
  sendJson(res, report.status === 'ok' ? 200 : 503, report);
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A listener with only GET /healthz, for a process with no HTTP server of its own (Slack over Socket Mode alone), so
 * the same health check works in every setup.
 */
export async function startHealthServer(options: { host: string; port: number; check?: HealthCheck }): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === HEALTH_PATH && req.method === 'GET') return sendHealth(res, options.check);
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

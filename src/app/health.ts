import type { SqlDatabase } from '../storage/index.js';

export interface HealthReport {
  /** 'unavailable' while the database does not answer: a load balancer takes the instance out of rotation. */
  status: 'ok' | 'unavailable';
  database: { engine: SqlDatabase['dialect']; status: 'ok' | 'unreachable'; error?: string };
}

export type HealthCheck = () => Promise<HealthReport>;

/** The HTTP status for a report: 503 tells a load balancer's health check to send traffic elsewhere. */
export function healthStatusCode(report: HealthReport): number {
  return report.status === 'ok' ? 200 : 503;
}

/** A check that asks the database a trivial query, giving up after timeoutMs. */
export function databaseHealth(database: SqlDatabase, timeoutMs = 2_000): HealthCheck {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([database.ping(), timeout]);
      return { status: 'ok', database: { engine: database.dialect, status: 'ok' } };
    } catch (error) {
      const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
      return { status: 'unavailable', database: { engine: database.dialect, status: 'unreachable', error: reason } };
    } finally {
      clearTimeout(timer);
    }
  };
}

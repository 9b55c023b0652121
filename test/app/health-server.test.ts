import { afterEach, describe, expect, it } from 'vitest';
import { type HealthReport, startHealthServer } from '../../src/http/health.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

describe('the health listener (Slack over Socket Mode alone)', () => {
  it('answers GET /healthz with 200 while healthy and 503 while degraded, and nothing else', async () => {
    let report: HealthReport = { status: 'ok' };
    const server = await startHealthServer({ host: '127.0.0.1', port: 0, check: () => report });
    servers.push(server);
    const url = `http://127.0.0.1:${server.port}`;
    const healthy = await fetch(`${url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toEqual({ status: 'ok' });
    report = { status: 'degraded', storage: 'full' };
    const degraded = await fetch(`${url}/healthz`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toEqual({ status: 'degraded', storage: 'full' });
    expect((await fetch(`${url}/api/messages`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${url}/healthz`, { method: 'POST' })).status).toBe(404);
  });
});

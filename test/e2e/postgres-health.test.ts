/**
 * /healthz of the built server on PostgreSQL when the database goes away while it runs: the server reaches the test
 * PostgreSQL through a TCP proxy on loopback; cutting the proxy turns /healthz to 503 with a short reason (no URL,
 * no password) and the process keeps running; restoring it turns /healthz back to 200, over real HTTP.
 * Runs in the postgres vitest project only (it needs TEST_DATABASE_URL).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile, REPO_ROOT } from '../helpers/built.js';
import { freePort } from '../helpers/free-port.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { freshPostgresUrl } from '../helpers/test-database.js';
import { until } from '../resilience/helpers/slack-steps.js';

const PASSWORD = 'hunter2secret';

let proxy: TcpProxy;
let child: ChildProcess;
let healthUrl: string;
const output: string[] = [];

async function health(): Promise<{ status: number; text: string }> {
  const res = await fetch(healthUrl);
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  const direct = new URL(await freshPostgresUrl());
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  // the test server trusts loopback, so the password is never asked for: it is here to show it is never printed
  const proxied = new URL(direct);
  proxied.port = String(proxy.port);
  proxied.password = PASSWORD;
  const port = await freePort();
  healthUrl = `http://127.0.0.1:${port}/healthz`;
  child = spawn(process.execPath, [builtFile('src/main.js')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_FORMAT: 'json', DATABASE_URL: proxied.toString() },
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
    return (await health().catch(() => undefined))?.status === 200;
  }, 20_000);
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
  await proxy?.close();
}, 30_000);

describe('/healthz while the PostgreSQL server goes away and comes back', () => {
  it('answers 503 with a short reason while the database is cut off, and 200 again once it is back', async () => {
    const healthy = await health();
    expect(JSON.parse(healthy.text)).toEqual({ status: 'ok', database: 'postgres' });

    await proxy.cut();
    let degraded = { status: 0, text: '' };
    await until(async () => {
      degraded = await health().catch((error: unknown) => {
        throw new Error(`${String(error)} exit=${child.exitCode}: ${output.join('')}`);
      });
      return degraded.status === 503;
    }, 15_000);
    // said in a few words, never with the URL: a connection dropped under a query, then new ones refused
    const first = JSON.parse(degraded.text) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'degraded', database: 'postgres', storage: 'unreachable' });
    expect(['Connection terminated unexpectedly', 'ECONNREFUSED']).toContain(first.error);
    await until(async () => {
      degraded = await health();
      return degraded.status === 503 && (JSON.parse(degraded.text) as { error?: unknown }).error === 'ECONNREFUSED';
    }, 10_000);
    expect(JSON.parse(degraded.text)).toEqual({ status: 'degraded', database: 'postgres', storage: 'unreachable', error: 'ECONNREFUSED' });
    expect(degraded.text).not.toMatch(/postgres:\/\/|hunter2secret|127\.0\.0\.1/);
    // the process lives on through it (a connection dropped while checked out must not end it)
    expect(child.exitCode).toBeNull();

    const acceptedBefore = proxy.accepted;
    await proxy.restore();
    await until(async () => (await health()).status === 200, 15_000);
    expect(JSON.parse((await health()).text)).toEqual({ status: 'ok', database: 'postgres' });
    // back through new connections to the server
    expect(proxy.accepted).toBeGreaterThan(acceptedBefore);
    expect(child.exitCode).toBeNull();
    expect(output.join('')).not.toContain(PASSWORD);
  }, 60_000);
});

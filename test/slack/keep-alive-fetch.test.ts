import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch, keepAliveFetchWithin } from '../../src/slack/keep-alive-fetch.js';

let server: Server;
let base: string;
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 300);
      if (req.url === '/limited') {
        res.writeHead(429, { 'retry-after': '7' });
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, body, length: req.headers['content-length'], type: req.headers['content-type'] }));
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('keepAliveFetch', () => {
  it('posts the body with its headers and reuses one connection for calls in a row', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) {
      const res = await keepAliveFetch(`${base}/api/chat.postMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'text=caf%C3%A9&n=é',
      });
      expect(res.ok).toBe(true);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ ok: true, body: 'text=caf%C3%A9&n=é', length: '19', type: 'application/x-www-form-urlencoded' });
    }
    expect(connections - before).toBe(1);
  });

  it('passes other statuses and their headers through, as fetch does', async () => {
    const res = await keepAliveFetch(`${base}/limited`, { method: 'POST', body: 'x' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('rejects with the abort reason when the signal fires (the WebClient timeout)', async () => {
    await expect(keepAliveFetch(`${base}/slow`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(50) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  it('rejects network failures as fetch does', async () => {
    await expect(keepAliveFetch('http://127.0.0.1:1/api/x', { method: 'POST', body: 'x' })).rejects.toMatchObject({
      name: 'TypeError',
      message: 'fetch failed',
    });
  });

  it('hands bodies it does not handle (FormData) to the global fetch', async () => {
    const form = new FormData();
    form.append('a', 'b');
    const res = await keepAliveFetch(`${base}/upload`, { method: 'POST', body: form });
    const echoed = (await res.json()) as { body: string; type: string };
    expect(echoed.type).toMatch(/^multipart\/form-data/);
    expect(echoed.body).toContain('name="a"');
  });
});

describe('keepAliveFetchWithin: a response_url that never answers', () => {
  it('aborts a call made with no signal (as Bolt respond() makes it) at the deadline, and closes its socket', async () => {
    const { createServer: createTcpServer } = await import('node:net');
    const open = new Set<import('node:net').Socket>();
    let closed = 0;
    // accepts the connection and reads the request, and never answers
    const hung = createTcpServer((socket) => {
      open.add(socket);
      socket.on('data', () => {});
      socket.on('close', () => {
        open.delete(socket);
        closed += 1;
      });
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/response/hung`;
      const started = Date.now();
      const call = keepAliveFetchWithin(200)(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'hello' }),
      });
      await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(2000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed).toBe(1);
      expect(open.size).toBe(0);
    } finally {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });
});

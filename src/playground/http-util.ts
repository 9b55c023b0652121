import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small node:http helpers for the playground (no framework). */

export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, { error: message }, headers);
}

export type JsonBody = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413; message: string };

/** Reads a JSON object body (an empty body is `{}`, as DELETE and some PUTs send). Stops reading past the limit. */
export function readJsonObject(req: IncomingMessage, limitBytes = JSON_BODY_LIMIT_BYTES): Promise<JsonBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, status: 413, message: `body larger than ${limitBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.trim() === '') return resolve({ ok: true, body: {} });
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return resolve({ ok: false, status: 400, message: 'body is not valid JSON' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return resolve({ ok: false, status: 400, message: 'body must be a JSON object' });
      }
      resolve({ ok: true, body: parsed as Record<string, unknown> });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

/** The address this request arrived on, as a URL origin the server can call itself back on. */
export function localOrigin(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const port = req.socket.localPort ?? 80;
  // an IPv4-mapped IPv6 address (::ffff:127.0.0.1) works as a plain IPv4 address
  const host = address.startsWith('::ffff:') ? address.slice(7) : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

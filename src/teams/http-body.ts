import type { IncomingMessage, ServerResponse } from 'node:http';

/** Activities are at most ~100 KB on the wire (Teams' payload limit); leave room, refuse anything far beyond. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415; message: string };

/** Reads and parses a JSON object body without a framework. Stops reading past the limit. */
export function readJsonBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume(); // drain so the connection can answer
      return resolve({ ok: false, status: 413, message: `body larger than ${limitBytes} bytes` });
    }
    const type = String(req.headers['content-type'] ?? 'application/json');
    if (!/\bjson\b/i.test(type)) {
      req.resume();
      return resolve({ ok: false, status: 415, message: 'expected Content-Type: application/json' });
    }
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
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return resolve({ ok: false, status: 400, message: 'body is not valid JSON' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return resolve({ ok: false, status: 400, message: 'body must be a JSON object (an activity)' });
      }
      resolve({ ok: true, body: parsed as Record<string, unknown> });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

export function sendPlain(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify(status < 400 ? { status: message } : { error: message });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The Express-like response botbuilder's `adapter.process` expects (status/header/send/end), over a plain
 * node:http ServerResponse.
 */
export interface ExpressLikeResponse {
  socket: unknown;
  status(code: number): ExpressLikeResponse;
  header(name: string, value: unknown): ExpressLikeResponse;
  send(body?: unknown): ExpressLikeResponse;
  end(): ExpressLikeResponse;
}

export function expressLikeResponse(res: ServerResponse): ExpressLikeResponse {
  const wrapper: ExpressLikeResponse = {
    socket: res.socket,
    status(code) {
      if (!res.headersSent) res.statusCode = code;
      return wrapper;
    },
    header(name, value) {
      if (!res.headersSent) res.setHeader(name, String(value));
      return wrapper;
    },
    send(body) {
      if (body === undefined || body === null || res.writableEnded) return wrapper;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.headersSent && !res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
      } else {
        if (!res.headersSent && !res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(body));
      }
      return wrapper;
    },
    end() {
      if (!res.writableEnded) res.end();
      return wrapper;
    },
  };
  return wrapper;
}

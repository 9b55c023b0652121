import type { IncomingMessage, ServerResponse } from 'node:http';

export type JsonBodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: 400 | 413 | 415; message: string };

export interface ReadJsonOptions {
  limitBytes: number;
  /** Refuse (415) a Content-Type that is not JSON; a missing one counts as JSON. */
  requireJsonContentType?: boolean;
  /** An empty body is `{}` (DELETE and some PUTs send none). */
  emptyAsObject?: boolean;
  /** Added to the "must be a JSON object" message, e.g. "(an activity)". */
  what?: string;
}

/** Reads and parses a JSON object body without a framework; stops reading past the limit. */
export function readJsonObjectBody(req: IncomingMessage, options: ReadJsonOptions): Promise<JsonBodyResult> {
  const { limitBytes } = options;
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume(); // drain so the connection can answer
      return resolve({ ok: false, status: 413, message: `body larger than ${limitBytes} bytes` });
    }
    if (options.requireJsonContentType && !/\bjson\b/i.test(String(req.headers['content-type'] ?? 'application/json'))) {
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
      const raw = Buffer.concat(chunks).toString('utf8');
      if (options.emptyAsObject && raw.trim() === '') return resolve({ ok: true, body: {} });
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return resolve({ ok: false, status: 400, message: 'body is not valid JSON' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return resolve({ ok: false, status: 400, message: `body must be a JSON object${options.what ? ` ${options.what}` : ''}` });
      }
      resolve({ ok: true, body: parsed as Record<string, unknown> });
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
}

/** A JSON response with its length, not cached and not sniffed; extra headers override the defaults. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** `{"error": message}` with the status; a response already under way is only ended. */
export function sendJsonError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status, { error: message }, headers);
}

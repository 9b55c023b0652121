import type { IncomingMessage, ServerResponse } from 'node:http';

export type JsonBodyResult =
  | { ok: true; body: Record<string, unknown>; bytes: number }
  | { ok: false; status: 400 | 413 | 415; message: string };

/** Deeper JSON is refused: nothing we read nests beyond a dozen levels, and serialising a deep value again overflows the stack. */
const MAX_JSON_DEPTH = 64;

export interface ReadJsonOptions {
  limitBytes: number;
  /**
   * Refuse (415) a body whose Content-Type is not application/json, a missing one included: a cross-site form or
   * `fetch` can send text/plain or no type without a CORS preflight, never application/json.
   */
  requireJsonContentType?: boolean;
  /** An empty body is `{}` (DELETE sends none, and no Content-Type either). */
  emptyAsObject?: boolean;
  /** Added to the "must be a JSON object" message, e.g. "(an activity)". */
  what?: string;
}

/** application/json, with or without parameters (charset). */
function isJsonContentType(header: string | undefined): boolean {
  return /^application\/json\s*(?:;|$)/i.test((header ?? '').trim());
}

/**
 * How deeply the JSON text nests objects and arrays, counted outside strings, stopping early past `max`. A scan of
 * the text (linear, no recursion) before JSON.parse, so a 100,000-deep body is refused instead of parsed.
 */
function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
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
    const json = isJsonContentType(req.headers['content-type']);
    // a DELETE carries no body and no type; anything else must say it is JSON
    const untypedAllowed = options.emptyAsObject === true && req.method === 'DELETE';
    if (options.requireJsonContentType && !json && !untypedAllowed) {
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
      if (options.emptyAsObject && raw.trim() === '') return resolve({ ok: true, body: {}, bytes: 0 });
      if (options.requireJsonContentType && !json) {
        return resolve({ ok: false, status: 415, message: 'expected Content-Type: application/json' });
      }
      if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
        return resolve({ ok: false, status: 400, message: `body nests deeper than ${MAX_JSON_DEPTH} levels` });
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return resolve({ ok: false, status: 400, message: 'body is not valid JSON' });
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return resolve({ ok: false, status: 400, message: `body must be a JSON object${options.what ? ` ${options.what}` : ''}` });
      }
      resolve({ ok: true, body: parsed as Record<string, unknown>, bytes: size });
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

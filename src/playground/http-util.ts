import type { IncomingMessage } from 'node:http';
import { readJsonObjectBody, type JsonBodyResult } from '../http/json-body.js';

/** Small node:http helpers for the playground (no framework). */

export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export { sendJson, sendJsonError as sendError } from '../http/json-body.js';

export type JsonBody = JsonBodyResult;

/**
 * Reads a JSON object body with Content-Type application/json (an empty body is `{}`, as DELETE and some PUTs send).
 * Stops reading past the limit.
 */
export function readJsonObject(req: IncomingMessage, limitBytes = JSON_BODY_LIMIT_BYTES): Promise<JsonBody> {
  return readJsonObjectBody(req, { limitBytes, emptyAsObject: true, requireJsonContentType: true });
}

/** The address this request arrived on, as a URL origin the server can call itself back on. */
export function localOrigin(req: IncomingMessage): string {
  const address = req.socket.localAddress ?? '127.0.0.1';
  const port = req.socket.localPort ?? 80;
  // an IPv4-mapped IPv6 address (::ffff:127.0.0.1) works as a plain IPv4 address
  const host = address.startsWith('::ffff:') ? address.slice(7) : address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

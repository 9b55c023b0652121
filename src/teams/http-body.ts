import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObjectBody, type JsonBodyResult } from '../http/json-body.js';

/** Activities are at most ~100 KB on the wire (Teams' payload limit); leave room, refuse anything far beyond. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export type BodyResult = JsonBodyResult;

/** Reads an activity: a JSON object with a JSON Content-Type, up to the limit. */
export function readJsonBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<BodyResult> {
  return readJsonObjectBody(req, { limitBytes, requireJsonContentType: true, what: '(an activity)' });
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

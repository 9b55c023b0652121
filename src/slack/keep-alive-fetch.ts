import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

/**
 * A small `fetch` for the Slack WebClient and Bolt's respond(): node:http(s) over keep-alive agents, chosen by the
 * URL's protocol (SLACK_API_URL is http on loopback in tests and benches, https in production).
 *
 * Why not the global fetch: undici's fetch costs about 0.6 ms of CPU per call more (WHATWG streams, Headers,
 * AbortSignal plumbing), and every answer makes two calls (post the next question, update the answered one).
 * Idle sockets close after 4 s or the server's keep-alive hint less a second, as undici does.
 *
 * It covers what those callers send: a string or Buffer body, plain-object headers. Anything else (FormData file
 * uploads, a Headers object, a stream) goes to the global fetch unchanged.
 */

const IDLE_SOCKET_MS = 4000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

function isPlainHeaders(headers: unknown): headers is Record<string, string> {
  return headers === undefined || (typeof headers === 'object' && headers !== null && Object.getPrototypeOf(headers) === Object.prototype);
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body);
    case 'deflate':
      return zlib.inflateSync(body);
    case 'br':
      return zlib.brotliDecompressSync(body);
    default:
      throw new TypeError(`unsupported content-encoding ${encoding}`);
  }
}

function toHeaders(raw: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/** The parts of a fetch Response its callers read, over a body already in memory. */
function responseOf(url: string, res: http.IncomingMessage, body: Buffer): Response {
  const status = res.statusCode ?? 0;
  const text = () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    redirected: false,
    type: 'basic',
    headers: toHeaders(res.headers),
    bodyUsed: false,
    body: null,
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength),
  } as unknown as Response;
}

export const keepAliveFetch: typeof fetch = (input, init = {}) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : null;
  const body = init.body;
  const simpleBody = body === undefined || body === null || typeof body === 'string' || Buffer.isBuffer(body);
  const target = url === null ? null : new URL(url);
  const agent = target && (target.protocol === 'http:' || target.protocol === 'https:') ? agents[target.protocol] : undefined;
  if (!url || !target || !agent || !simpleBody || !isPlainHeaders(init.headers)) return fetch(input, init);
  return request(url, target, agent, init, body as string | Buffer | null | undefined);
};

/**
 * keepAliveFetch with a deadline for calls that bring no signal of their own. Bolt's respond() posts to a
 * response_url with none: without it, a response_url that never answers would hold its socket open for good. The
 * WebClient brings its own (its `timeout`), which is kept.
 */
export function keepAliveFetchWithin(timeoutMs: number): typeof fetch {
  return (input, init = {}) => keepAliveFetch(input, init.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

function request(
  url: string,
  target: URL,
  agent: http.Agent,
  init: FetchInit,
  body: string | Buffer | null | undefined,
): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<Response>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(init.headers as Record<string, string> | undefined) };
    if (body !== undefined && body !== null) headers['Content-Length'] = Buffer.byteLength(body);
    const send = target.protocol === 'https:' ? https.request : http.request;
    const req = send(
      {
        agent,
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? 'GET',
        headers,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (init.redirect === 'error' && status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          fail(new TypeError('fetch failed', { cause: new Error('unexpected redirect') }));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failNetwork);
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          try {
            resolve(responseOf(url, res, decode(Buffer.concat(chunks), res.headers['content-encoding'])));
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    // As fetch does: network errors reject as TypeError('fetch failed') with the cause (callers map them by that).
    function failNetwork(error: unknown): void {
      fail(new TypeError('fetch failed', { cause: error }));
    }
    function fail(error: unknown): void {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    }
    // As fetch does: an aborted call (WebClient's timeout) rejects with the signal's reason.
    function onAbort(): void {
      req.destroy();
      fail(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', failNetwork);
    req.end(body ?? undefined);
  });
}

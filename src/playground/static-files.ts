import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, resolve, sep } from 'node:path';
import { sendError } from './http-util.js';
import { findRepoFile } from '../content/find-repo-file.js';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page may load only what this server serves: no CDN, nothing from the internet. Inline styles are allowed
 * because the Adaptive Cards renderer sets them on the elements it creates.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The renderer files served under /playground/vendor/, by the name the page uses. */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  'adaptivecards.js': 'adaptivecards/dist/adaptivecards.min.js',
  'adaptivecards.min.js.map': 'adaptivecards/dist/adaptivecards.min.js.map',
  'adaptivecards.css': 'adaptivecards/dist/adaptivecards.css',
};

/** playground/ at the repository root: this file runs from src/playground/ (vitest) or dist/src/playground/. */
export function findPlaygroundDir(): string {
  return dirname(findRepoFile('playground/index.html'));
}

/** Absolute path of a vendor file, or undefined when the package is not installed (e.g. `npm ci --omit=dev`). */
export function resolveVendorFile(name: string): string | undefined {
  const spec = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
  if (!spec) return undefined;
  try {
    return createRequire(import.meta.url).resolve(spec);
  } catch {
    return undefined;
  }
}

export interface ServeOptions {
  /** Extra response headers (e.g. the page's Content-Security-Policy). */
  headers?: Record<string, string>;
  cacheControl?: string;
}

/** Sends one file with its content type; GET and HEAD only. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, options: ServeOptions = {}): Promise<void> {
  const type = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!type) return sendError(res, 404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return sendError(res, 404, 'not found');
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': options.cacheControl ?? 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...options.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Maps a URL path below the static root (`styles.css`, `img/logo.svg`) to a file inside `root`, or undefined when the
 * path is not allowed: traversal, encoded separators, NUL, dot files, unknown extensions, or a symlink leading out.
 */
export async function resolveStaticPath(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  // check the raw path too: %2F must not become a separator the split below never saw
  if (/%2f|%5c/i.test(urlPath)) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.length === 0) return undefined;
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return undefined;
  if (!CONTENT_TYPES[extname(decoded).toLowerCase()]) return undefined;
  const realRoot = await realpath(root);
  const candidate = resolve(realRoot, ...segments);
  if (!candidate.startsWith(realRoot + sep)) return undefined;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(realRoot + sep)) return undefined;
    if (!(await stat(real)).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADR_LINK_PREFIX, type AdrExports } from '../app/adr-exports.js';
import type { Logger } from '../logger.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** `/adr/<id>.md`: one record per path; the folder itself and anything else under it is not a link. */
const LINK_PATH = new RegExp(`^${ADR_LINK_PREFIX}([^/]+)\\.md$`);

export function isAdrLinkPath(path: string): boolean {
  return path === ADR_LINK_PREFIX.slice(0, -1) || path.startsWith(ADR_LINK_PREFIX);
}

/** Plain, detail-free answers: a wrong link learns nothing about which reviews exist. */
function sendPlain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(`${text}\n`);
}

/**
 * Serves signed ADR links as text/markdown, no login: a valid, unexpired signature for the review in the path opens
 * it; anything else is 404 (a forged, altered or unknown link, a method other than GET/HEAD) or 410 (a genuine link
 * past its time), with no detail. Nothing is listed.
 */
export function createAdrLinkHandler(deps: { adrExports: Pick<AdrExports, 'open'>; logger?: Logger }): Handler {
  return async (req, res) => {
    req.resume();
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = LINK_PATH.exec(url.pathname);
      const expires = url.searchParams.get('expires');
      const signature = url.searchParams.get('sig');
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !match || expires === null || signature === null) {
        return sendPlain(res, 404, 'not found');
      }
      let reviewId: string;
      try {
        reviewId = decodeURIComponent(match[1]!);
      } catch {
        return sendPlain(res, 404, 'not found');
      }
      const opened = await deps.adrExports.open(reviewId, expires, signature);
      if (opened.kind === 'invalid') return sendPlain(res, 404, 'not found');
      if (opened.kind === 'expired') return sendPlain(res, 410, 'this link has expired');
      res.writeHead(200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-length': String(Buffer.byteLength(opened.markdown)),
        'content-disposition': `inline; filename="${opened.fileName}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        'x-robots-tag': 'noindex',
        'referrer-policy': 'no-referrer',
      });
      res.end(req.method === 'HEAD' ? undefined : opened.markdown);
    } catch (error) {
      // never the query string: it carries the signature
      deps.logger?.error({ err: error, path: (req.url ?? '').split('?')[0] }, 'ADR link request failed');
      sendPlain(res, 500, 'internal error');
    }
  };
}

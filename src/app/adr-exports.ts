import { renderMadr } from '../render/madr.js';
import type { AdrLinkSigner } from './adr-link-signer.js';
import type { Clock } from './clock.js';
import type { ReviewRecords } from './review-records.js';

/** Where ADR links are served under the bot's HTTP server: `/adr/<review id>.md?expires=…&sig=…`. */
export const ADR_LINK_PREFIX = '/adr/';

export const DEFAULT_ADR_LINK_DAYS = 7;

export interface AdrLink {
  url: string;
  expiresAt: number;
}

/** A review's record, ready to hand over: the Markdown, a file name, and a link when the public address is known. */
export type AdrExport =
  | { kind: 'not_found' }
  | { kind: 'ok'; workloadName: string; fileName: string; markdown: string; link: AdrLink | null };

/** What a link opens: the record, or nothing (forged, altered, or for a review that is gone), or an expired link. */
export type AdrLinkOpen = { kind: 'ok'; fileName: string; markdown: string } | { kind: 'invalid' } | { kind: 'expired' };

export interface AdrExportsDeps {
  records: Pick<ReviewRecords, 'get'>;
  signer: AdrLinkSigner;
  clock: Clock;
  /** How long a link works. */
  linkTtlMs: number;
  /** The bot's public base URL (PUBLIC_URL), asked when a link is made; undefined: no link can be given. */
  publicUrl: () => string | undefined;
}

/** "Payments Webhooks!" -> "adr-payments-webhooks.md": a file name any system accepts. */
export function adrFileName(workloadName: string): string {
  const slug = workloadName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `adr-${slug || 'review'}.md`;
}

/** The review as a MADR record handed out of the chat: signed, expiring links and the file itself. */
export class AdrExports {
  constructor(private readonly deps: AdrExportsDeps) {}

  async prepare(reviewId: string): Promise<AdrExport> {
    const record = await this.deps.records.get(reviewId);
    if (!record) return { kind: 'not_found' };
    return {
      kind: 'ok',
      workloadName: record.name,
      fileName: adrFileName(record.name),
      markdown: renderMadr(record),
      link: this.linkFor(record.id),
    };
  }

  /** A signed link to the record, or null when the public address is not configured. */
  linkFor(reviewId: string): AdrLink | null {
    const base = this.deps.publicUrl();
    if (!base) return null;
    const expiresAtSeconds = Math.ceil((this.deps.clock.now() + this.deps.linkTtlMs) / 1000);
    const query = new URLSearchParams({ expires: String(expiresAtSeconds), sig: this.deps.signer.signature(reviewId, expiresAtSeconds) });
    const url = `${base.replace(/\/+$/, '')}${ADR_LINK_PREFIX}${encodeURIComponent(reviewId)}.md?${query.toString()}`;
    return { url, expiresAt: expiresAtSeconds * 1000 };
  }

  async open(reviewId: string, expires: string, signature: string): Promise<AdrLinkOpen> {
    const check = this.deps.signer.check(reviewId, expires, signature, this.deps.clock.now());
    if (check !== 'valid') return { kind: check };
    const record = await this.deps.records.get(reviewId);
    if (!record) return { kind: 'invalid' };
    return { kind: 'ok', fileName: adrFileName(record.name), markdown: renderMadr(record) };
  }
}

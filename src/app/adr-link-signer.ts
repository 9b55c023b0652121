import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a link's signature and expiry say: good, forged or altered, or good but past its time. */
export type LinkCheck = 'valid' | 'invalid' | 'expired';

/** Expiry is sent in whole seconds since the epoch; anything longer than this is not one we made. */
const EXPIRES_PATTERN = /^\d{1,12}$/;

/**
 * Signs and checks ADR links: HMAC-SHA256 over the review id and the expiry, so a link opens one record until its
 * time and cannot be moved to another review or stretched. The signature is checked before the expiry, so only a
 * genuine link learns that it expired.
 */
export class AdrLinkSigner {
  constructor(private readonly secret: Buffer) {}

  signature(reviewId: string, expiresAtSeconds: number): string {
    return createHmac('sha256', this.secret).update(`${reviewId}\n${expiresAtSeconds}`).digest('base64url');
  }

  check(reviewId: string, expires: string, signature: string, nowMs: number): LinkCheck {
    if (!EXPIRES_PATTERN.test(expires)) return 'invalid';
    const expected = Buffer.from(this.signature(reviewId, Number(expires)));
    const given = Buffer.from(signature);
    // timingSafeEqual needs equal lengths; a length mismatch says nothing about the secret
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 <= nowMs ? 'expired' : 'valid';
  }
}

/**
 * The key ADR links are signed with: ADR_LINK_SECRET when set; else derived from the platform secret already
 * configured (a different key from it, so a link never reveals anything about that secret); else random for this
 * process (the local playground: links stop working at restart).
 */
export function adrLinkSecret(configured: { linkSecret?: string | undefined; platformSecrets: Array<string | undefined> }): Buffer {
  if (configured.linkSecret) return Buffer.from(configured.linkSecret, 'utf8');
  const platform = configured.platformSecrets.find((s): s is string => typeof s === 'string' && s !== '');
  if (platform) return createHmac('sha256', platform).update('compute-advice ADR links').digest();
  return randomBytes(32);
}

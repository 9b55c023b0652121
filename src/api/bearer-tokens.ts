import { createHash, timingSafeEqual } from 'node:crypto';

export type TokenCheck = 'ok' | 'missing' | 'wrong';

/**
 * The API's bearer tokens. Each is kept as a SHA-256 digest and compared in constant time against the digest of what
 * was sent, so neither a token's length nor a matching prefix shows in the response time.
 */
export class BearerTokens {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  get enabled(): boolean {
    return this.digests.length > 0;
  }

  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    if (!match) return 'missing';
    const sent = digest(match[1]!);
    // every digest is compared, so the time does not tell which one matched
    let found = false;
    for (const known of this.digests) found = timingSafeEqual(sent, known) || found;
    return found ? 'ok' : 'wrong';
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

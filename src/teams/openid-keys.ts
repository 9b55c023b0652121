import { createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * The Bot Framework's token signing keys, fetched with a timeout. botframework-connector 4.23 (the final release)
 * fetches its OpenID metadata and key set with node-fetch and no timeout, so a hung endpoint holds every request that
 * needs a key. This replaces the metadata object its JwtTokenExtractor caches per URL: the same contract
 * (`getKey(kid)` -> PEM and endorsements, refreshed daily, and at most hourly for an unknown key), fetched with the
 * global fetch under a deadline, the key built with node:crypto instead of the unmaintained base64url and
 * rsa-pem-from-mod-exp. botbuilder is archived, so the private hook it uses cannot move.
 */

export const OPENID_FETCH_TIMEOUT_MS = 5000;
const REFRESH_MS = 24 * 3_600_000;
const UNKNOWN_KEY_REFRESH_MS = 3_600_000;
const MAX_DOCUMENT_BYTES = 256 * 1024;

interface Jwk {
  kid?: string;
  kty?: string;
  n?: string;
  e?: string;
  endorsements?: string[];
}

export interface SigningKey {
  key: string;
  endorsements?: string[];
}

async function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`${url} sent more than ${MAX_DOCUMENT_BYTES} bytes`);
  return JSON.parse(text) as unknown;
}

/** One metadata URL's keys. */
export class TimedOpenIdMetadata {
  private keys: Jwk[] = [];
  private lastUpdated = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    readonly url: string,
    private readonly timeoutMs = OPENID_FETCH_TIMEOUT_MS,
  ) {}

  async getKey(keyId: string): Promise<SigningKey | null> {
    if (Date.now() - this.lastUpdated > REFRESH_MS) {
      await this.refresh();
    } else if (!this.find(keyId) && Date.now() - this.lastUpdated > UNKNOWN_KEY_REFRESH_MS) {
      await this.refresh();
    }
    return this.find(keyId);
  }

  /** One refresh at a time; a failure (a timeout too) rejects every caller waiting on it, as an authentication error. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        const metadata = (await fetchJson(this.url, this.timeoutMs)) as { jwks_uri?: unknown };
        if (typeof metadata.jwks_uri !== 'string') throw new Error(`${this.url} names no jwks_uri`);
        const set = (await fetchJson(metadata.jwks_uri, this.timeoutMs)) as { keys?: unknown };
        if (!Array.isArray(set.keys)) throw new Error(`${metadata.jwks_uri} holds no keys`);
        this.keys = set.keys as Jwk[];
        this.lastUpdated = Date.now();
      } catch (error) {
        throw new (connector().AuthenticationError)(`could not load the token signing keys: ${(error as Error).message}`, 401);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private find(keyId: string): SigningKey | null {
    const jwk = this.keys.find((k) => k.kid === keyId);
    if (!jwk?.n || !jwk.e) return null; // not an RSA key
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    }) as string;
    return { key, ...(Array.isArray(jwk.endorsements) ? { endorsements: jwk.endorsements } : {}) };
  }
}

interface ExtractorStatics {
  getOrAddOpenIdMetadata: (url: string, ...rest: unknown[]) => unknown;
  openIdMetadataCache: Map<string, unknown>;
}

interface Connector {
  AuthenticationError: new (message: string, statusCode: number) => Error;
  JwtTokenExtractor: ExtractorStatics;
}

/** botframework-connector's token extractor is not in its public index: required by path (CommonJS). */
function connector(): Connector {
  const require = createRequire(import.meta.url);
  const { AuthenticationError } = require('botframework-connector') as Pick<Connector, 'AuthenticationError'>;
  const { JwtTokenExtractor } = require('botframework-connector/lib/auth/jwtTokenExtractor.js') as Pick<Connector, 'JwtTokenExtractor'>;
  return { AuthenticationError, JwtTokenExtractor };
}

const INSTALLED = Symbol.for('compute-advice.timedOpenIdMetadata');

/**
 * Makes every JwtTokenExtractor botbuilder builds use TimedOpenIdMetadata, one per metadata URL. Idempotent; the
 * latest timeout applies to extractors built after the call (tests pass a short one).
 */
export function useTimedOpenIdMetadata(timeoutMs = OPENID_FETCH_TIMEOUT_MS): void {
  const { JwtTokenExtractor } = connector();
  const statics = JwtTokenExtractor as ExtractorStatics & { [INSTALLED]?: { timeoutMs: number } };
  if (statics[INSTALLED]) {
    statics[INSTALLED].timeoutMs = timeoutMs;
    return;
  }
  const settings = { timeoutMs };
  statics[INSTALLED] = settings;
  const cache = new Map<string, TimedOpenIdMetadata>();
  JwtTokenExtractor.openIdMetadataCache.clear();
  JwtTokenExtractor.getOrAddOpenIdMetadata = (url: string) => {
    const key = `${settings.timeoutMs} ${url}`;
    let metadata = cache.get(key);
    if (!metadata) {
      metadata = new TimedOpenIdMetadata(url, settings.timeoutMs);
      cache.set(key, metadata);
    }
    return metadata;
  };
}

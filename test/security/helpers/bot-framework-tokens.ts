/**
 * Bot Framework channel tokens for tests: an RSA key pair, its OpenID metadata and key set served on loopback (what
 * login.botframework.com publishes), and RS256 JWTs signed as the channel signs them. The bot is pointed at this
 * server with its openIdMetadataUrl option, so botbuilder's own validation runs against real signatures.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenServer {
  metadataUrl: string;
  /** Signs a channel token for this audience (app id) and serviceUrl; `key: 'other'` signs with a key not published. */
  token(claims: { aud: string; serviceurl: string }, options?: { key?: 'published' | 'other'; expiresInSec?: number }): string;
  /** Requests the metadata server has received. */
  requests: number;
  /** From now on the server accepts requests and never answers them. */
  hang(): void;
  close(): Promise<void>;
}

const KID = 'test-signing-key';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function keyPair(): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })), jwk: publicKey.export({ format: 'jwk' }) };
}

export async function startTokenServer(): Promise<TokenServer> {
  const published = keyPair();
  const other = keyPair();
  let hanging = false;
  let requests = 0;
  const held: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    requests += 1;
    if (hanging) {
      held.push(() => res.destroy());
      return;
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...published.jwk, kid: KID, kty: 'RSA', use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/.well-known/openidconfiguration`,
    get requests() {
      return requests;
    },
    token(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64({ alg: 'RS256', typ: 'JWT', kid: KID });
      const payload = b64({ iss: CHANNEL_ISSUER, nbf: now - 60, exp: now + (options.expiresInSec ?? 3600), ...claims });
      const key = options.key === 'other' ? other.privateKey : published.privateKey;
      return `${header}.${payload}.${sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url')}`;
    },
    hang() {
      hanging = true;
    },
    async close() {
      for (const release of held) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { createHmac } from 'node:crypto';

/**
 * Requests signed exactly as Slack signs them: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the
 * signing secret, in `x-slack-signature`, with the timestamp (seconds) in `x-slack-request-timestamp`.
 */
export function slackSignature(signingSecret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  contentType: string,
  timestampSec = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': slackSignature(signingSecret, timestampSec, rawBody),
  };
}

export interface SendOptions {
  /** Override the timestamp (e.g. 6 minutes ago for a replay). */
  timestampSec?: number;
  /** Sign with a different secret (a forged request). */
  secret?: string;
  /** Extra headers, e.g. { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }. */
  headers?: Record<string, string>;
}

/** Sends signed slash commands (form), interactions (form `payload=<json>`) and events (JSON) to a Bolt HTTP receiver. */
export class SlackRequestSender {
  constructor(
    readonly url: string,
    private readonly signingSecret: string,
  ) {}

  async raw(body: string, contentType: string, options: SendOptions = {}): Promise<Response> {
    const headers = {
      ...signedHeaders(options.secret ?? this.signingSecret, body, contentType, options.timestampSec),
      ...options.headers,
    };
    return fetch(this.url, { method: 'POST', headers, body });
  }

  /** A slash command, form-encoded like Slack sends it. */
  command(fields: Record<string, string>, options?: SendOptions): Promise<Response> {
    return this.raw(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An interaction (block_actions, view_submission…): form-encoded `payload=<json>`. */
  interaction(payload: unknown, options?: SendOptions): Promise<Response> {
    return this.raw(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API envelope, JSON. */
  event(envelope: unknown, options?: SendOptions): Promise<Response> {
    return this.raw(JSON.stringify(envelope), 'application/json', options);
  }
}

import type { KnownBlock } from '../render/block-kit-parts.js';
import { noticeBlocks } from '../render/notices.js';
import type { Audience, RespondFn, SlackClient, SlackDeps } from './slack-deps.js';

/** Why a Web API call failed, as a short code: Slack's error (`not_in_channel`), an HTTP status, or the error code. */
export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: unknown }; statusCode?: unknown; code?: unknown; original?: { message?: unknown; code?: unknown } };
  if (e?.data && typeof e.data.error === 'string') return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e?.code === 'slack_webapi_request_error' && e.original) {
    // The client wraps what went wrong underneath: rate limits that outlasted the retries, timeouts, resets.
    const inner = `${String(e.original.code ?? '')} ${String(e.original.message ?? '')}`.toLowerCase();
    if (inner.includes('rate limit') || inner.includes('429')) return 'ratelimited';
    if (inner.includes('timeout') || inner.includes('econnaborted') || inner.includes('etimedout')) return 'timeout';
  }
  if (typeof e?.statusCode === 'number') return `http_${e.statusCode}`;
  if (typeof e?.code === 'string') return e.code;
  return 'unknown_error';
}

/**
 * Blocks as the JSON text the Web API takes in its form-encoded body. The WebClient would send the array as exactly
 * this text, but before that @slack/web-api 8 deep-copies and stringifies every argument for a debug line it builds
 * even when debug logging is off; handing it the text skips that copy. Measured under load (docs/PERFORMANCE.md): ack
 * p99 about a third of what it is without. The cast only tells the SDK's types what the wire format already is.
 */
function blocksParam(blocks: KnownBlock[]): KnownBlock[] {
  return JSON.stringify(blocks) as unknown as KnownBlock[];
}

/** `retryInMs`: Slack rate-limited the call and asked for a wait longer than a reply may wait (RATE_LIMIT_WAIT_MS). */
export type CallResult<T> = { ok: true; value: T } | { ok: false; code: string; retryInMs?: number };

/**
 * The longest one call waits out 429s in all (the interactive clients reject rate-limited calls instead of pausing
 * their whole queue, and the wait happens here, per call). A longer Retry-After is given back to the caller, which
 * postpones the work: one Retry-After of an hour must not hold a work slot, let alone every post, for that hour.
 */
const RATE_LIMIT_WAIT_MS = 10_000;
const RATE_LIMIT_RETRIES = 3;

/** Seconds Slack asked to wait, when the error is a 429 the client refused to wait out itself. */
function rateLimitedFor(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown };
  return e?.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number' ? e.retryAfter : undefined;
}

/**
 * Runs one Web API call; a failure is logged with its context (never the token or the message text) and returned
 * as a code, so listeners decide what to tell the user instead of throwing into Bolt. A 429 is retried after its
 * Retry-After while the waits stay within RATE_LIMIT_WAIT_MS.
 */
export async function callSlack<T>(
  deps: SlackDeps,
  method: string,
  context: { channel?: string; reviewId?: string; userId?: string },
  call: () => Promise<T>,
): Promise<CallResult<T>> {
  let waited = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      const retryAfterSec = rateLimitedFor(error);
      if (retryAfterSec !== undefined && attempt < RATE_LIMIT_RETRIES && waited + retryAfterSec * 1000 <= RATE_LIMIT_WAIT_MS) {
        waited += retryAfterSec * 1000;
        await new Promise((resolve) => setTimeout(resolve, retryAfterSec * 1000));
        continue;
      }
      const code = slackErrorCode(error);
      const retryInMs = retryAfterSec !== undefined && retryAfterSec * 1000 > RATE_LIMIT_WAIT_MS ? retryAfterSec * 1000 : undefined;
      deps.logger.warn({ method, ...context, error: code, ...(retryInMs ? { retryInMs } : {}) }, 'Slack Web API call failed');
      return retryInMs === undefined ? { ok: false, code } : { ok: false, code, retryInMs };
    }
  }
}

export interface OutgoingMessage {
  channel: string;
  text: string;
  blocks: KnownBlock[];
  threadTs?: string | null | undefined;
  broadcast?: boolean;
}

/** chat.postMessage with link unfurling off: our messages echo user text. Returns the new message's ts. */
export async function postMessage(
  deps: SlackDeps,
  client: SlackClient,
  msg: OutgoingMessage,
  context: { reviewId?: string } = {},
): Promise<CallResult<string>> {
  const result = await callSlack(deps, 'chat.postMessage', { channel: msg.channel, ...context }, () =>
    client.chat.postMessage(
      msg.threadTs
        ? {
            channel: msg.channel,
            text: msg.text,
            blocks: blocksParam(msg.blocks),
            thread_ts: msg.threadTs,
            reply_broadcast: msg.broadcast === true,
            unfurl_links: false,
            unfurl_media: false,
          }
        : { channel: msg.channel, text: msg.text, blocks: blocksParam(msg.blocks), unfurl_links: false, unfurl_media: false },
    ),
  );
  if (!result.ok) return result;
  const ts = result.value.ts;
  if (typeof ts !== 'string') return { ok: false, code: 'no_ts' };
  return { ok: true, value: ts };
}

/** chat.update of one of our messages (e.g. a question once answered, so its buttons disappear). */
export async function updateMessage(
  deps: SlackDeps,
  client: SlackClient,
  msg: { channel: string; ts: string; text: string; blocks: KnownBlock[] },
  context: { reviewId?: string } = {},
): Promise<boolean> {
  const result = await callSlack(deps, 'chat.update', { channel: msg.channel, ...context }, () =>
    client.chat.update({ channel: msg.channel, ts: msg.ts, text: msg.text, blocks: blocksParam(msg.blocks) }),
  );
  return result.ok;
}

/** How long a response_url post may take before the caller falls back to the Web API (Bolt's respond() has no timeout). */
export const RESPOND_TIMEOUT_MS = 10_000;

/** respond() that gives up after RESPOND_TIMEOUT_MS, so a response_url that never answers cannot hold a work slot. */
function respondWithin(respond: RespondFn, message: Parameters<RespondFn>[0]): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('response_url did not answer in time'), { code: 'timeout' })),
      RESPOND_TIMEOUT_MS,
    );
  });
  return Promise.race([respond(message), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Replaces the message a button sat on through that click's response_url. It is not a Web API call, so it spends
 * none of chat.update's budget: chat.update is a Tier 3 method (about 50 a minute per workspace), and a 429 on it
 * pauses the client's whole request queue, next questions included. False when it failed (the caller falls back).
 */
export async function replaceClickedMessage(
  deps: SlackDeps,
  respond: RespondFn,
  msg: { channel: string; text: string; blocks: KnownBlock[] },
  context: { reviewId?: string } = {},
): Promise<boolean> {
  const result = await callSlack(deps, 'response_url', { channel: msg.channel, ...context }, () =>
    respondWithin(respond, { replace_original: true, text: msg.text, blocks: msg.blocks }),
  );
  return result.ok;
}

/**
 * Tells one person something only they see. Tries the preferred route, then the other one: response_url works
 * where the bot is not a member; chat.postEphemeral works after response_url has expired or for events.
 */
export async function tellUser(
  deps: SlackDeps,
  client: SlackClient,
  audience: Audience,
  text: string,
  message: { text: string; blocks: KnownBlock[] } = noticeBlocks(text),
): Promise<boolean> {
  const viaRespond = async () => {
    if (!audience.respond) return false;
    const result = await callSlack(deps, 'response_url', { channel: audience.channel, userId: audience.userId }, () =>
      respondWithin(audience.respond!, { response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks }),
    );
    return result.ok;
  };
  const viaEphemeral = async () => {
    const result = await callSlack(deps, 'chat.postEphemeral', { channel: audience.channel, userId: audience.userId }, () =>
      client.chat.postEphemeral({
        channel: audience.channel,
        user: audience.userId,
        text: message.text,
        blocks: blocksParam(message.blocks),
        ...(audience.threadTs ? { thread_ts: audience.threadTs } : {}),
      }),
    );
    return result.ok;
  };
  const [first, second] = audience.prefer === 'respond' ? [viaRespond, viaEphemeral] : [viaEphemeral, viaRespond];
  return (await first()) || (await second());
}

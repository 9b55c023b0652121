import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Slack Web API on loopback. Speaks the wire format @slack/web-api uses (form-encoded POSTs to /api/<method>,
 * JSON-encoded nested values) and Bolt's respond() (JSON POSTs to a response_url), records every call, and answers
 * like Slack: `{ ok: true, ts, channel, ... }` with increasing ts. Failures can be injected per method. The benches
 * use it too (bench/load/fake-slack-worker.ts), keeping nothing and hearing of each call through `onCall`.
 */

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url` for respond() posts. */
  method: string;
  params: Record<string, unknown>;
  /** Whether an `Authorization: Bearer xoxb-…` header came with it (the token itself is never recorded). */
  authorized: boolean;
  /** A response_url post with `replace_original: true` to a message's URL (`messageResponseUrl`): the message it replaced. */
  replaces?: { channel: string; ts: string };
  /** HTTP status the fake answered with. */
  status: number;
  /** The JSON the fake answered with (e.g. the ts a chat.postMessage got). */
  response?: Record<string, unknown>;
  at: number;
}

export interface InjectedFailure {
  /** 429 (with Retry-After) or any HTTP status such as 500; or a Slack error in an HTTP 200 `{ok:false}`. */
  status?: number;
  retryAfterSeconds?: number;
  slackError?: string;
  /** How many calls fail; Infinity for all of them. */
  times: number;
  /**
   * Answer only after this many ms (set it beyond the client's `timeout` to simulate a timeout). With neither
   * `status` nor `slackError`, the call then succeeds late (Slack did post the message; the client had given up).
   */
  delayMs?: number;
}

export interface FakeSlackApiOptions {
  /** users.info reports these users as workspace admins. */
  adminUserIds?: string[];
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** Keep every call in `calls` (default true; the benches keep nothing). */
  record?: boolean;
  /** Hears of every call as it is answered (the benches time the app's posts with it). */
  onCall?: (call: RecordedCall) => void;
  /** How long an idle connection stays open (default 1 s); the benches keep them as a real API does. */
  keepAliveTimeoutMs?: number;
  /** Channels conversations.info reports as private (by default a C… id is public, G… private, D… a DM). */
  privateChannels?: string[];
  /**
   * Scopes the app was installed without: a method that needs one answers `missing_scope` as Slack does (with
   * `needed`). Only files:write is modelled (files.getUploadURLExternal and files.completeUploadExternal).
   */
  withoutScopes?: string[];
}

/** Methods that need a scope the fake can be told the app lacks. */
const SCOPE_OF: Record<string, string> = {
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

/** Where the fake hands out upload URLs (files.getUploadURLExternal); a POST there is recorded as `file_upload`. */
const UPLOAD_PATH = '/upload/';

const JSON_KEYS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (JSON_KEYS.has(key)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string
      }
    }
    out[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return out;
}

/** Answered 200 with `ok: true`, as Slack answers a call that did what it asked. */
function succeeded(call: RecordedCall): boolean {
  return call.status === 200 && call.response?.ok === true;
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private port = 0;
  private tsCounter = 0;
  private fileCounter = 0;
  private readonly failures = new Map<string, InjectedFailure>();
  private readonly listeners = new Set<() => void>();
  private readonly tally: Record<string, number> = {};

  constructor(private readonly options: FakeSlackApiOptions = {}) {}

  /** Base URL for clientOptions.slackApiUrl / SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url that lands here, recorded as method `response_url`. */
  responseUrl(id = 'r'): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /**
   * The response_url of a click on one message, as Slack gives each block_actions payload: a post to it with
   * `replace_original: true` replaces that message (recorded with `replaces`).
   */
  messageResponseUrl(channel: string, ts: string): string {
    return `http://127.0.0.1:${this.port}/response/message/${encodeURIComponent(channel)}/${encodeURIComponent(ts)}`;
  }

  /** Successful changes to one message, in order: chat.update calls and response_url replacements. */
  updatesOf(channel: string, ts: string): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        succeeded(c) &&
        ((c.method === 'chat.update' && c.params.channel === channel && c.params.ts === ts) ||
          (c.replaces?.channel === channel && c.replaces.ts === ts)),
    );
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = this.options.keepAliveTimeoutMs ?? 1000;
    // how well the app's keep-alive pools are reused: each new connection is a TCP handshake on both sides
    this.server.on('connection', () => void (this.tally.connections = (this.tally.connections ?? 0) + 1));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Calls per method, response_url replacements (`response_url:replace`) and TCP connections (`connections`). */
  counts(): Record<string, number> {
    return { ...this.tally };
  }

  /** Make the next `times` calls of a method fail. */
  fail(method: string, failure: InjectedFailure): void {
    this.failures.set(method, { ...failure });
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Successful calls of a method (optionally filtered). */
  ok(method: string, where: (params: Record<string, unknown>) => boolean = () => true): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && succeeded(c) && where(c.params));
  }

  /** Resolves with the matching calls once `count` have arrived (successful ones only). */
  async waitFor(
    method: string,
    count = 1,
    where?: (params: Record<string, unknown>) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.ok(method, where);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${count} × ${method}; got ${found.length}. Calls: ${this.calls.map((c) => `${c.method}:${c.status}`).join(', ')}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.listeners.delete(wake);
          resolve();
        }, 50);
        const wake = () => {
          clearTimeout(timer);
          this.listeners.delete(wake);
          resolve();
        };
        this.listeners.add(wake);
      });
    }
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '';
    const isResponseUrl = url.startsWith('/response/');
    const isUpload = url.startsWith(UPLOAD_PATH);
    const method = isResponseUrl ? 'response_url' : isUpload ? 'file_upload' : (url.replace(/^\/api\//, '').split('?')[0] ?? '');
    const contentType = String(req.headers['content-type'] ?? '');
    let params: Record<string, unknown> = {};
    try {
      if (isUpload) params = { fileId: decodeURIComponent(url.slice(UPLOAD_PATH.length)), body: raw };
      else params = contentType.includes('application/json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : parseForm(raw);
    } catch {
      params = { raw };
    }
    const authorized = /^Bearer xox[bp]-/.test(String(req.headers.authorization ?? ''));
    const target = /^\/response\/message\/([^/]+)\/([^/?]+)/.exec(url);
    const replaces =
      target && params.replace_original === true
        ? { channel: decodeURIComponent(target[1]!), ts: decodeURIComponent(target[2]!) }
        : undefined;
    const record = (status: number, response?: Record<string, unknown>) => {
      const call: RecordedCall = {
        method,
        params,
        authorized,
        ...(replaces ? { replaces } : {}),
        status,
        ...(response ? { response } : {}),
        at: Date.now(),
      };
      const key = isResponseUrl && params.replace_original === true ? 'response_url:replace' : method;
      this.tally[key] = (this.tally[key] ?? 0) + 1;
      if (this.options.record !== false) this.calls.push(call);
      this.options.onCall?.(call);
      for (const wake of [...this.listeners]) wake();
    };

    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      if (failure.delayMs !== undefined) {
        await new Promise<void>((resolve) => setTimeout(resolve, failure.delayMs));
        if (failure.status === undefined && !failure.slackError) {
          const late = isResponseUrl ? { ok: true } : this.answer(method, params);
          record(200, late);
          return this.json(res, 200, late);
        }
      }
      if (failure.slackError) {
        const answer = { ok: false, error: failure.slackError };
        record(200, answer);
        return this.json(res, 200, answer);
      }
      const status = failure.status ?? 500;
      record(status);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (status === 429) headers['retry-after'] = String(failure.retryAfterSeconds ?? 1);
      res.writeHead(status, headers);
      res.end(status === 429 ? JSON.stringify({ ok: false, error: 'ratelimited' }) : 'Internal Server Error');
      return;
    }

    const scope = SCOPE_OF[method];
    if (scope && this.options.withoutScopes?.includes(scope)) {
      const refused = { ok: false, error: 'missing_scope', needed: scope, provided: 'chat:write,commands' };
      record(200, refused);
      return this.json(res, 200, refused);
    }
    const answer = isResponseUrl || isUpload ? { ok: true } : this.answer(method, params);
    record(200, answer);
    this.json(res, 200, answer);
  }

  /** The bytes uploaded for a file the fake handed an upload URL for (the multipart body as text). */
  uploadedBody(fileId: string): string | undefined {
    const upload = this.ok('file_upload', (p) => p.fileId === fileId)[0];
    return upload ? String(upload.params.body) : undefined;
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof params.channel === 'string' ? params.channel : 'C000';
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          user_id: this.options.botUserId ?? 'UBOT',
          bot_id: this.options.botId ?? 'BBOT',
          team_id: this.options.teamId ?? 'T1',
          url: 'https://example.slack.com/',
        };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel, ts, message: { type: 'message', text: params.text, ts, bot_id: this.options.botId ?? 'BBOT' } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel, ts: params.ts, text: params.text };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel,
          permalink: `https://example.slack.com/archives/${channel}/p${String(params.message_ts ?? '').replace('.', '')}`,
        };
      case 'conversations.info': {
        const id = String(params.channel ?? '');
        const isPrivate = id.startsWith('G') || (this.options.privateChannels ?? []).includes(id);
        const isIm = id.startsWith('D');
        return {
          ok: true,
          channel: {
            id,
            is_channel: !isIm && !isPrivate,
            is_group: isPrivate,
            is_im: isIm,
            is_private: isPrivate || isIm,
            is_ext_shared: false,
          },
        };
      }
      case 'views.open':
        return { ok: true, view: { ...(params.view as Record<string, unknown>), id: `V${this.nextTs().replace('.', '')}` } };
      case 'files.getUploadURLExternal': {
        this.fileCounter += 1;
        const fileId = `F${String(this.fileCounter).padStart(8, '0')}`;
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}${UPLOAD_PATH}${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(params.files) ? (params.files as Array<{ id?: unknown; title?: unknown }>) : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? null })) };
      }
      case 'views.publish':
        return { ok: true, view: { id: 'V1', type: 'home', blocks: (params.view as { blocks?: unknown })?.blocks ?? [] } };
      case 'users.info': {
        const user = String(params.user ?? '');
        const admin = this.options.adminUserIds?.includes(user) ?? false;
        return { ok: true, user: { id: user, name: user.toLowerCase(), is_admin: admin, is_owner: false, is_primary_owner: false } };
      }
      default:
        return { ok: true };
    }
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/**
 * A fake Bot Connector service on loopback: what a bot's `serviceUrl` points at in tests and benches.
 * It speaks the real wire format the botbuilder ConnectorClient uses and records every call:
 * - POST /v3/conversations/:conversationId/activities            (send to conversation)
 * - POST /v3/conversations/:conversationId/activities/:replyToId (reply; also proactive sends)
 * - PUT  /v3/conversations/:conversationId/activities/:activityId (update in place)
 * - DELETE /v3/conversations/:conversationId/activities/:activityId
 * - POST /v3/conversations                                        (proactive create)
 * - GET  /v3/conversations/:teamId/members/:userId                 (roster: one member, with userRole)
 * Posts answer `{ id }` with a fresh id; creates answer `{ id, activityId }`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT' | 'DELETE';
  kind: 'send' | 'reply' | 'update' | 'delete' | 'create';
  /** Decoded conversation id (for 'create', the id the fake assigned). */
  conversationId: string;
  /** replyToId for 'reply', the updated/deleted id for 'update'/'delete'. */
  activityId?: string;
  /** The id this call answered with (new activities and creates). */
  responseId?: string;
  /** The JSON body as received. */
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  at: number;
}

type Waiter = { predicate: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void };

/** A fault to inject into the next matching calls (see FakeConnector.fail). */
export interface ConnectorFailure {
  /** Which calls fail; any kind when unset. */
  kind?: ConnectorCall['kind'];
  /** HTTP status to answer with (default 500; with delayMs and no status, the call succeeds late). */
  status?: number;
  /** Answer only after this many ms: beyond the client's timeout, a timeout. */
  delayMs?: number;
  /** How many calls fail; Infinity for all of them. */
  times: number;
}

/** A call the fake failed on purpose (never in `calls`, which holds what was really posted). */
export interface FailedConnectorCall {
  kind: ConnectorCall['kind'];
  conversationId: string;
  activityId?: string;
  status: number;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeConnector {
  /** `http://127.0.0.1:<port>/`, to put in activity.serviceUrl. */
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Activities posted (sends and replies), in order. */
  posted(): ConnectorCall[];
  updates(): ConnectorCall[];
  /** Every Adaptive Card in every posted or updated activity. */
  cards(): unknown[];
  /** Resolves with the first call (already recorded or future) that matches. */
  waitFor(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Called on every recorded call; for benches that time replies. */
  onCall?: (call: ConnectorCall) => void;
  /** TCP connections accepted since start: how well the client's keep-alive pool is reused. */
  connections(): number;
  /** Calls failed through fail(), in order. */
  failed: FailedConnectorCall[];
  /** Makes the next `times` matching calls fail (or answer late). */
  fail(failure: ConnectorFailure): void;
  /** The role the roster reports for a user ('owner', 'user', 'guest'); 'user' unless set. */
  setRole(userId: string, role: string): void;
  /** Roster lookups answered, in order. */
  rosterLookups: Array<{ teamId: string; userId: string }>;
  clearFailures(): void;
  clear(): void;
  close(): Promise<void>;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (raw.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(raw) as Record<string, unknown>);
      } catch (error) {
        reject(error as Error);
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function cardsOf(body: Record<string, unknown>): unknown[] {
  const attachments = Array.isArray(body.attachments) ? (body.attachments as Array<Record<string, unknown>>) : [];
  return attachments.filter((a) => a.contentType === ADAPTIVE).map((a) => a.content);
}

/**
 * keepAliveTimeoutMs: how long an idle connection stays open. The tests' 1 s means a new connection per call (see
 * bench/load/fake-keep-alive.ts), which costs them nothing; the benches pass a longer one, as a real API keeps.
 */
export async function startFakeConnector(options: { port?: number; keepAliveTimeoutMs?: number } = {}): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const failed: FailedConnectorCall[] = [];
  let failures: ConnectorFailure[] = [];
  const roles = new Map<string, string>();
  const rosterLookups: Array<{ teamId: string; userId: string }> = [];
  let waiters: Waiter[] = [];
  let counter = 0;
  const freshId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

  // eslint-disable-next-line prefer-const
  let fake: FakeConnector;
  const record = (call: ConnectorCall) => {
    calls.push(call);
    fake.onCall?.(call);
    const still: Waiter[] = [];
    for (const w of waiters) w.predicate(call) ? w.resolve(call) : still.push(w);
    waiters = still;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      let body: Record<string, unknown>;
      try {
        body = await readJson(req);
      } catch {
        return send(res, 400, { error: { code: 'BadSyntax', message: 'invalid JSON' } });
      }
      const base = { body, headers: req.headers, at: performance.now() };
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return send(res, 404, { error: { code: 'NotFound' } });
      if (req.method === 'GET' && parts.length === 5 && parts[3] === 'members') {
        const [teamId, userId] = [parts[2] as string, parts[4] as string];
        rosterLookups.push({ teamId, userId });
        return send(res, 200, { id: userId, name: userId, userRole: roles.get(userId) ?? 'user', tenantId: 'tenant' });
      }
      if (req.method === 'POST' && parts.length === 2) {
        const conversationId = freshId('conv');
        const activityId = freshId('act');
        record({ ...base, method: 'POST', kind: 'create', conversationId, responseId: activityId });
        return send(res, 201, { id: conversationId, activityId, serviceUrl: fake.serviceUrl });
      }
      const conversationId = parts[2];
      if (conversationId === undefined || parts[3] !== 'activities' || parts.length > 5) {
        return send(res, 404, { error: { code: 'NotFound' } });
      }
      const target = parts[4];
      const kind: ConnectorCall['kind'] = req.method === 'PUT' ? 'update' : req.method === 'DELETE' ? 'delete' : target ? 'reply' : 'send';
      const failure = failures.find((f) => f.times > 0 && (f.kind === undefined || f.kind === kind));
      if (failure) {
        failure.times -= 1;
        if (failure.delayMs !== undefined) await new Promise<void>((resolve) => setTimeout(resolve, failure.delayMs));
        if (failure.delayMs === undefined || failure.status !== undefined) {
          const status = failure.status ?? 500;
          failed.push({ kind, conversationId, ...(target ? { activityId: target } : {}), status, body, at: performance.now() });
          return send(res, status, { error: { code: 'ServiceError', message: 'injected failure' } });
        }
        // a late success: carry on and record it below
      }
      if (req.method === 'POST') {
        const id = freshId('act');
        record({
          ...base,
          method: 'POST',
          kind: target ? 'reply' : 'send',
          conversationId,
          ...(target ? { activityId: target } : {}),
          responseId: id,
        });
        return send(res, 200, { id });
      }
      if (req.method === 'PUT' && target) {
        record({ ...base, method: 'PUT', kind: 'update', conversationId, activityId: target, responseId: target });
        return send(res, 200, { id: target });
      }
      if (req.method === 'DELETE' && target) {
        record({ ...base, method: 'DELETE', kind: 'delete', conversationId, activityId: target });
        res.writeHead(200).end();
        return;
      }
      return send(res, 405, { error: { code: 'MethodNotAllowed' } });
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { code: 'FakeConnectorError', message: String(error) } });
    });
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 1000;
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  fake = {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    failed,
    connections: () => connections,
    fail(failure) {
      failures.push({ ...failure });
    },
    setRole(userId, role) {
      roles.set(userId, role);
    },
    rosterLookups,
    clearFailures() {
      failures = [];
    },
    posted: () => calls.filter((c) => c.kind === 'send' || c.kind === 'reply'),
    updates: () => calls.filter((c) => c.kind === 'update'),
    cards: () => calls.filter((c) => c.kind !== 'delete').flatMap((c) => cardsOf(c.body)),
    waitFor(predicate, timeoutMs = 5000) {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`fake connector: no matching call within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    clear() {
      calls.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
  return fake;
}

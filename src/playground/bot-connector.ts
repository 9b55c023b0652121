/**
 * A tiny in-memory Bot Connector for the playground: the bot's replies and card updates come back to the same
 * server (the page sets `serviceUrl` to `<server>/playground/connector/`), are recorded per conversation, and the
 * page reads them with a long poll. It speaks the wire format botbuilder's ConnectorClient uses:
 * - POST   v3/conversations                                   (proactive create)
 * - POST   v3/conversations/:conversationId/activities          (send)
 * - POST   v3/conversations/:conversationId/activities/:replyTo (reply; proactive sends too)
 * - PUT    v3/conversations/:conversationId/activities/:id       (update in place)
 * - DELETE v3/conversations/:conversationId/activities/:id
 * Nothing is persisted: the reviews themselves are in the database, this is only what a chat client would display.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readJsonObject, sendError, sendJson } from './http-util.js';
import { PLAYGROUND_CONVERSATION_PREFIX } from './local-identity.js';

export type ConnectorEventKind = 'post' | 'update' | 'delete';

export interface ConnectorEvent {
  /** 1, 2, 3… within one conversation: the page asks for everything after the last one it has. */
  seq: number;
  kind: ConnectorEventKind;
  /** The posted activity's new id, or the id updated or deleted. */
  activityId: string;
  /** For replies: the activity replied to. */
  replyToId?: string;
  /** The activity as the bot sent it ({} for deletes). */
  activity: Record<string, unknown>;
  /** Epoch ms. */
  at: number;
}

export interface ConnectorLimits {
  /** Conversations kept; the least recently used is dropped first. Default 200. */
  maxConversations?: number;
  /** Events kept per conversation; the oldest are dropped first. Default 1000. */
  maxEventsPerConversation?: number;
  /**
   * Bytes of activities kept across all conversations (as received); past it the oldest events of the least
   * recently used conversations go first. Default 16 MiB: a page shows the last few hundred cards.
   */
  maxTotalBytes?: number;
}

interface Conversation {
  seq: number;
  events: Array<ConnectorEvent & { bytes: number }>;
  waiters: Set<() => void>;
}

const CONVERSATION_ID_MAX = 300;

export class PlaygroundConnector {
  /**
   * Changes with every start: the connector keeps its conversations in memory, so a page that sees a new epoch knows
   * the sequence numbers started again and what it shows came from before the restart.
   */
  readonly epoch = randomUUID();
  private readonly conversations = new Map<string, Conversation>();
  private readonly maxConversations: number;
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private counter = 0;

  constructor(limits: ConnectorLimits = {}) {
    this.maxConversations = limits.maxConversations ?? 200;
    this.maxEvents = limits.maxEventsPerConversation ?? 1000;
    this.maxBytes = limits.maxTotalBytes ?? 16 * 1024 * 1024;
  }

  /** Bytes of activities held now (never more than maxTotalBytes). */
  get retainedBytes(): number {
    return this.bytes;
  }

  /** Handles a request whose path (after the connector prefix) is `subPath`, e.g. `v3/conversations/a:1/activities`. */
  async handle(req: IncomingMessage, res: ServerResponse, subPath: string): Promise<void> {
    let parts: string[];
    try {
      parts = subPath.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      return sendError(res, 400, 'malformed path');
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return sendError(res, 404, 'not found');
    const method = req.method ?? 'GET';
    if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE') {
      res.setHeader('allow', 'POST, PUT, DELETE');
      return sendError(res, 405, 'method not allowed');
    }
    const body = await readJsonObject(req);
    if (!body.ok) return sendError(res, body.status, body.message);

    if (parts.length === 2) {
      if (method !== 'POST') return sendError(res, 405, 'method not allowed');
      const conversationId = `${PLAYGROUND_CONVERSATION_PREFIX}${randomUUID()}`;
      const activity = body.body.activity;
      let activityId: string | undefined;
      if (activity && typeof activity === 'object' && !Array.isArray(activity)) {
        activityId = this.record(conversationId, 'post', this.freshId(), activity as Record<string, unknown>, body.bytes).activityId;
      } else {
        this.conversation(conversationId);
      }
      return sendJson(res, 201, { id: conversationId, ...(activityId ? { activityId } : {}) });
    }

    const [, , conversationId, activities, target, ...rest] = parts;
    if (!conversationId || conversationId.length > CONVERSATION_ID_MAX || activities !== 'activities' || rest.length > 0) {
      return sendError(res, 404, 'not found');
    }
    if (method === 'POST') {
      const event = this.record(conversationId, 'post', this.freshId(), body.body, body.bytes, target);
      return sendJson(res, 200, { id: event.activityId });
    }
    if (!target) return sendError(res, 405, 'method not allowed');
    if (method === 'PUT') {
      this.record(conversationId, 'update', target, body.body, body.bytes);
      return sendJson(res, 200, { id: target });
    }
    this.record(conversationId, 'delete', target, {}, 0);
    res.writeHead(200).end();
  }

  /** Events of a conversation after `since` (none for a conversation never seen). */
  eventsSince(conversationId: string, since: number): ConnectorEvent[] {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return [];
    return conversation.events.filter((e) => e.seq > since).map(({ bytes: _bytes, ...event }) => event);
  }

  /** The last seq recorded in a conversation (0 if none). */
  lastSeq(conversationId: string): number {
    return this.conversations.get(conversationId)?.seq ?? 0;
  }

  /**
   * Resolves with the events after `since` as soon as there are any, or with [] after `timeoutMs`
   * or when `signal` aborts (the browser went away).
   */
  waitForEvents(conversationId: string, since: number, timeoutMs: number, signal?: AbortSignal): Promise<ConnectorEvent[]> {
    const now = this.eventsSince(conversationId, since);
    if (now.length > 0 || timeoutMs <= 0 || signal?.aborted) return Promise.resolve(now);
    const conversation = this.conversation(conversationId);
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        conversation.waiters.delete(finish);
        signal?.removeEventListener('abort', finish);
        resolve(this.eventsSince(conversationId, since));
      };
      const timer = setTimeout(finish, timeoutMs);
      conversation.waiters.add(finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  /** Every event of every conversation, for tests and debugging. */
  allEvents(): Array<ConnectorEvent & { conversationId: string }> {
    return [...this.conversations.entries()].flatMap(([conversationId, c]) =>
      c.events.map(({ bytes: _bytes, ...e }) => ({ ...e, conversationId })),
    );
  }

  private record(
    conversationId: string,
    kind: ConnectorEventKind,
    activityId: string,
    activity: Record<string, unknown>,
    bytes: number,
    replyToId?: string,
  ): ConnectorEvent {
    const conversation = this.conversation(conversationId);
    const event = {
      seq: ++conversation.seq,
      kind,
      activityId,
      ...(replyToId ? { replyToId } : {}),
      activity,
      at: Date.now(),
      bytes,
    };
    conversation.events.push(event);
    this.bytes += bytes;
    if (conversation.events.length > this.maxEvents) this.drop(conversation, conversation.events.length - this.maxEvents);
    this.evictPastByteLimit(conversation);
    for (const wake of [...conversation.waiters]) wake();
    return event;
  }

  /** Drops the oldest events, least recently used conversations first, until the bytes fit (the newest event stays). */
  private evictPastByteLimit(current: Conversation): void {
    for (const conversation of this.conversations.values()) {
      while (this.bytes > this.maxBytes && conversation.events.length > (conversation === current ? 1 : 0)) this.drop(conversation, 1);
      if (this.bytes <= this.maxBytes) return;
    }
  }

  private drop(conversation: Conversation, count: number): void {
    for (const gone of conversation.events.splice(0, count)) this.bytes -= gone.bytes;
  }

  /** Gets or creates a conversation and marks it most recently used. */
  private conversation(conversationId: string): Conversation {
    let conversation = this.conversations.get(conversationId);
    if (conversation) {
      this.conversations.delete(conversationId);
    } else {
      conversation = { seq: 0, events: [], waiters: new Set() };
    }
    this.conversations.set(conversationId, conversation);
    while (this.conversations.size > this.maxConversations) {
      const oldest = this.conversations.keys().next().value as string;
      const dropped = this.conversations.get(oldest)!;
      this.drop(dropped, dropped.events.length);
      this.conversations.delete(oldest);
      for (const wake of [...dropped.waiters]) wake();
    }
    return conversation;
  }

  private freshId(): string {
    return `pg-${Date.now().toString(36)}-${(++this.counter).toString(36)}`;
  }
}

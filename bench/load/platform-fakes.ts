import { Worker } from 'node:worker_threads';
import { Inbox } from './inbox.js';
import type { SlackPost } from './slack-post.js';

/** Starts the fake Slack Web API and the fake Bot Connector in worker threads; their posts land in inboxes here. */

export interface ConnectorPost {
  conversationId: string;
  /** The activity replied to. */
  activityId: string | null;
  /** The id the connector gave the new activity (what a card submit replies to). */
  responseId: string | null;
  body: Record<string, unknown>;
  at: number;
}

interface WorkerHandle {
  worker: Worker;
  stop(): Promise<void>;
  counts(): Promise<Record<string, number>>;
}

function handle(worker: Worker): WorkerHandle {
  return {
    worker,
    counts: () =>
      new Promise((resolve) => {
        const onMessage = (m: { type: string; counts?: Record<string, number> }) => {
          if (m.type !== 'counts') return;
          worker.off('message', onMessage);
          resolve(m.counts ?? {});
        };
        worker.on('message', onMessage);
        worker.postMessage('counts');
      }),
    stop: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function ready<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string } & T) => {
      if (m.type !== 'ready') return;
      worker.off('message', onMessage);
      resolve(m);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

export interface SlackFake extends WorkerHandle {
  apiUrl: string;
  port: number;
  responseUrl(id: string): string;
  /** chat.postMessage calls, keyed by channel. */
  inbox: Inbox<SlackPost>;
  /** Ephemeral messages and response_url posts: refusals or failures told to a user (expected: none). */
  notices: string[];
}

/** `forward: false`: the posts are only counted, not sent here (a long ack bench would pile them up). */
export async function startSlackFake(options: { forward?: boolean } = {}): Promise<SlackFake> {
  const worker = new Worker(new URL('./fake-slack-worker.js', import.meta.url), { workerData: { forward: options.forward !== false } });
  const inbox = new Inbox<SlackPost>();
  const notices: string[] = [];
  worker.on('message', (m: { type: string; post?: SlackPost; method?: string; text?: string }) => {
    if (m.type === 'post' && m.post) inbox.push(m.post.channel, m.post);
    if (m.type === 'notice') notices.push(`${m.method}: ${m.text}`);
  });
  const { apiUrl, port } = await ready<{ apiUrl: string; port: number }>(worker);
  return {
    ...handle(worker),
    apiUrl,
    port,
    responseUrl: (id) => `http://127.0.0.1:${port}/response/${encodeURIComponent(id)}`,
    inbox,
    notices,
  };
}

export interface ConnectorFake extends WorkerHandle {
  serviceUrl: string;
  /** Posted activities keyed by channel conversation id (the part before `;messageid=`). */
  inbox: Inbox<ConnectorPost>;
}

/** The conversation an activity belongs to, without the reply-chain suffix. */
export function conversationKey(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export async function startConnectorFake(): Promise<ConnectorFake> {
  const worker = new Worker(new URL('./fake-connector-worker.js', import.meta.url));
  const inbox = new Inbox<ConnectorPost>();
  worker.on('message', (m: { type: string; post?: ConnectorPost }) => {
    if (m.type === 'post' && m.post) inbox.push(conversationKey(m.post.conversationId), m.post);
  });
  const { serviceUrl } = await ready<{ serviceUrl: string }>(worker);
  return { ...handle(worker), serviceUrl, inbox };
}

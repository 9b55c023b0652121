import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monoMs } from './clock.js';
import { FAKE_API_KEEP_ALIVE_MS } from './fake-keep-alive.js';

/**
 * A minimal fake Slack Web API for the load and start-up benches: answers every method like Slack (`auth.test` with
 * bot ids, `chat.postMessage` with an increasing ts…) and reports each chat.postMessage with the moment its body
 * arrived, so a load generator can time "answer sent -> next question received" per channel.
 * (test/e2e/fake-slack-api.ts records everything for assertions; this one keeps nothing.)
 */

export interface SlackPost {
  channel: string;
  threadTs: string | null;
  ts: string;
  blocks: unknown[];
  /** monoMs() when the request body had arrived. */
  at: number;
}

export interface FakeSlackWebApi {
  port: number;
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  apiUrl: string;
  /** A response_url that lands here (counted as a notice, unless it replaces the clicked message). */
  responseUrl(id: string): string;
  /** Calls per method (`response_url` for respond() posts, `response_url:replace` for those that replaced a message). */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

export interface FakeSlackWebApiOptions {
  onPost?: (post: SlackPost) => void;
  /** chat.postEphemeral and response_url posts: what a user is told when something was refused or failed. */
  onNotice?: (method: string, text: string) => void;
}

export const FAKE_BOT = { userId: 'UBOTLOAD', botId: 'BBOTLOAD', teamId: 'T0TEST' };

export async function startFakeSlackWebApi(options: FakeSlackWebApiOptions = {}): Promise<FakeSlackWebApi> {
  const counts: Record<string, number> = {};
  let tsCounter = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = monoMs();
      const url = req.url ?? '';
      const method = url.startsWith('/response/') ? 'response_url' : (url.replace(/^\/api\//, '').split('?')[0] ?? '');
      counts[method] = (counts[method] ?? 0) + 1;
      const raw = Buffer.concat(chunks).toString('utf8');
      const json = String(req.headers['content-type'] ?? '').includes('application/json');
      const params: Record<string, string> = json ? safeJson(raw) : Object.fromEntries(new URLSearchParams(raw));
      const channel = typeof params.channel === 'string' ? params.channel : 'C000';
      let answer: Record<string, unknown> = { ok: true };
      switch (method) {
        case 'auth.test':
          answer = { ok: true, url: 'https://example.slack.com/', team: 'example', user: 'compute-advice', team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
          break;
        case 'chat.postMessage': {
          tsCounter += 1;
          const ts = `1700000000.${String(tsCounter).padStart(6, '0')}`;
          answer = { ok: true, channel, ts, message: { type: 'message', ts, bot_id: FAKE_BOT.botId } };
          if (options.onPost) {
            let blocks: unknown[] = [];
            try {
              blocks = typeof params.blocks === 'string' ? (JSON.parse(params.blocks) as unknown[]) : ((params.blocks as unknown as unknown[]) ?? []);
            } catch {
              // leave empty: the driver reports it as an unexpected post
            }
            options.onPost({ channel, threadTs: params.thread_ts || null, ts, blocks, at });
          }
          break;
        }
        case 'chat.update':
          answer = { ok: true, channel, ts: params.ts };
          break;
        case 'chat.postEphemeral':
          tsCounter += 1;
          answer = { ok: true, message_ts: `1700000000.${String(tsCounter).padStart(6, '0')}` };
          options.onNotice?.(method, String(params.text ?? ''));
          break;
        case 'response_url':
          // replace_original: a clicked question updated to show its answer, not something told to a user
          if ((params as Record<string, unknown>).replace_original === true) counts['response_url:replace'] = (counts['response_url:replace'] ?? 0) + 1;
          else options.onNotice?.(method, String(params.text ?? ''));
          break;
        default:
          break;
      }
      const body = JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = FAKE_API_KEEP_ALIVE_MS;
  // how well the app's keep-alive pools are reused: a new connection is a TCP handshake's CPU on both sides
  server.on('connection', () => {
    counts.connections = (counts.connections ?? 0) + 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (id) => `http://127.0.0.1:${port}/response/${encodeURIComponent(id)}`,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(raw: string): Record<string, string> {
  try {
    return JSON.parse(raw || '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

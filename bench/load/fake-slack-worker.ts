/**
 * Worker thread: the fake Slack Web API (test/e2e/fake-slack-api.ts, the real wire format), so serving the app's Web
 * API calls does not load the process that runs the load generator (and never the measured app). Each
 * chat.postMessage goes to the parent thread with the moment it arrived; so do ephemerals and response_url posts that
 * do not replace a clicked message (what a person is told when something was refused or failed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FakeSlackApi } from '../../test/e2e/fake-slack-api.js';
import { monoMs } from './clock.js';
import { FAKE_API_KEEP_ALIVE_MS } from './fake-keep-alive.js';
import { FAKE_BOT, type SlackPost } from './slack-post.js';

const port = parentPort!;
/** false: only count the calls (the ack bench needs no posts). */
const forward = (workerData as { forward?: boolean } | undefined)?.forward !== false;
const api = await new FakeSlackApi({
  record: false,
  keepAliveTimeoutMs: FAKE_API_KEEP_ALIVE_MS,
  botUserId: FAKE_BOT.userId,
  botId: FAKE_BOT.botId,
  teamId: FAKE_BOT.teamId,
  onCall: (call) => {
    if (!forward) return;
    const { method, params, response } = call;
    if (method === 'chat.postMessage' && typeof response?.ts === 'string') {
      const post: SlackPost = {
        channel: String(params.channel),
        threadTs: typeof params.thread_ts === 'string' && params.thread_ts !== '' ? params.thread_ts : null,
        ts: response.ts,
        blocks: Array.isArray(params.blocks) ? params.blocks : [],
        at: monoMs(),
      };
      port.postMessage({ type: 'post', post });
    } else if (method === 'chat.postEphemeral' || (method === 'response_url' && params.replace_original !== true)) {
      port.postMessage({ type: 'notice', method, text: String(params.text ?? '') });
    }
  },
}).start();
port.on('message', (message: string) => {
  if (message === 'counts') port.postMessage({ type: 'counts', counts: api.counts() });
  if (message === 'stop') void api.stop().then(() => port.close());
});
port.postMessage({ type: 'ready', apiUrl: api.apiUrl, port: Number(new URL(api.apiUrl).port) });

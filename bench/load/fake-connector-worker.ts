/**
 * Worker thread: the fake Bot Connector (test/e2e/fake-connector.ts, the real wire format), reporting each posted
 * activity (sends and replies; card updates are not "the next question") to the parent thread with its arrival time.
 */
import { parentPort } from 'node:worker_threads';
import { startFakeConnector } from '../../test/e2e/fake-connector.js';
import { monoMs } from './clock.js';
import { FAKE_API_KEEP_ALIVE_MS } from './fake-keep-alive.js';

const port = parentPort!;
const connector = await startFakeConnector({ keepAliveTimeoutMs: FAKE_API_KEEP_ALIVE_MS });
connector.onCall = (call) => {
  if (call.kind === 'reply' || call.kind === 'send') {
    port.postMessage({
      type: 'post',
      post: {
        conversationId: call.conversationId,
        activityId: call.activityId ?? null,
        responseId: call.responseId ?? null,
        body: call.body,
        at: monoMs(),
      },
    });
  }
  connector.clear(); // keep nothing: the parent has what it needs
};
port.on('message', (message: string) => {
  if (message === 'counts') port.postMessage({ type: 'counts', counts: { connections: connector.connections() } });
  if (message === 'stop') void connector.close().then(() => port.close());
});
port.postMessage({ type: 'ready', serviceUrl: connector.serviceUrl });

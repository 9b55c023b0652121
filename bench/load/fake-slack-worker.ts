/**
 * Worker thread: the fake Slack Web API, so serving the app's Web API calls does not load the process that runs
 * the load generator (and never the measured app). Each chat.postMessage is posted to the parent thread.
 */
import { parentPort } from 'node:worker_threads';
import { startFakeSlackWebApi } from './fake-slack-web-api.js';

const port = parentPort!;
const api = await startFakeSlackWebApi({
  onPost: (post) => port.postMessage({ type: 'post', post }),
  onNotice: (method, text) => port.postMessage({ type: 'notice', method, text }),
});
port.on('message', (message: string) => {
  if (message === 'counts') port.postMessage({ type: 'counts', counts: api.counts() });
  if (message === 'stop') void api.close().then(() => port.close());
});
port.postMessage({ type: 'ready', apiUrl: api.apiUrl, port: api.port });

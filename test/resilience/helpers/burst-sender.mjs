// Sends a burst of signed Slack thread replies from a process of its own, so the server's heap and CPU are its own.
// Usage: node burst-sender.mjs <url> <signing secret> <count> <text bytes> <channel>; prints one JSON line of results.
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';

const [url, secret, countArg, sizeArg, channel] = process.argv.slice(2);
const count = Number(countArg);
const text = 'x'.repeat(Number(sizeArg));
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

function body(i) {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: `EvBurst${randomUUID()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'message', user: `UBURST${i}`, channel, text, ts: `1700000001.${String(i).padStart(6, '0')}`, thread_ts: '1700000000.000100' },
  });
}

function send(raw) {
  const at = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${raw}`).digest('hex')}`;
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(raw),
          'x-slack-request-timestamp': String(at),
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, error: error.message }));
    req.end(raw);
  });
}

const bodies = Array.from({ length: count }, (_, i) => body(i));
const results = await Promise.all(bodies.map(send));
process.stdout.write(`${JSON.stringify(results)}\n`);

import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_API_KEEP_ALIVE_MS } from '../../bench/load/fake-keep-alive.js';
import { FakeSlackApi } from '../e2e/fake-slack-api.js';
import { startFakeConnector } from '../e2e/fake-connector.js';

/** What a keep-alive client pays per call against the load bench's fakes: a new TCP connection, or none. */

function post(url: string, agent: Agent, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function callsOverOneAgent(url: string, calls: number): Promise<void> {
  const agent = new Agent({ keepAlive: true });
  try {
    for (let i = 0; i < calls; i++) await post(url, agent, '{"type":"message","text":"hi"}');
  } finally {
    agent.destroy();
  }
}

describe('load bench fakes: keep-alive', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('the fake Bot Connector at the bench keep-alive serves successive calls on one connection', async () => {
    const fake = await startFakeConnector({ keepAliveTimeoutMs: FAKE_API_KEEP_ALIVE_MS });
    closers.push(() => fake.close());
    await callsOverOneAgent(`${fake.serviceUrl}v3/conversations/c1/activities`, 10);
    expect(fake.posted()).toHaveLength(10);
    expect(fake.connections()).toBe(1);
  });

  it("at the tests' 1 s keep-alive, Node's agent opens a connection per call: why the bench sets a longer one", async () => {
    const fake = await startFakeConnector();
    closers.push(() => fake.close());
    await callsOverOneAgent(`${fake.serviceUrl}v3/conversations/c1/activities`, 5);
    expect(fake.connections()).toBe(5);
  });

  it('the fake Slack Web API serves successive calls on one connection and counts it', async () => {
    const api = await new FakeSlackApi({ record: false, keepAliveTimeoutMs: FAKE_API_KEEP_ALIVE_MS }).start();
    closers.push(() => api.stop());
    await callsOverOneAgent(`${api.apiUrl}chat.postMessage`, 10);
    expect(api.counts()['chat.postMessage']).toBe(10);
    expect(api.counts().connections).toBe(1);
  });
});

/**
 * Start-up: time from spawning the process to its Slack HTTP receiver answering a signed url_verification request,
 * for the real app (`node dist/src/main.js`: config, logger, SQLite open + migrations, rules and prompts, the Slack
 * app with its auth.test, the digest scheduler) against the smallest idiomatic Bolt app, as a ratio. Median of 5 runs
 * each, alternating, on a fresh database (migrations run) and on an existing one, and the bare app once more in the
 * same rounds (an A/A ratio: the machine's noise). A fake Slack Web API on loopback
 * answers auth.test (SLACK_API_URL), so nothing leaves the machine.
 */
import { spawn } from 'node:child_process';
import { startScriptNodeFlags } from './start-script-flags.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signedHeaders } from '../test/e2e/slack-signing.js';
import type { BenchResult } from './bench-result.js';
import { monoMs, sleep } from './load/clock.js';
import { FakeSlackApi } from '../test/e2e/fake-slack-api.js';

const RUNS = 5;
const SECRET = 'bench';
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
// as `npm start` runs it
const MAIN_FLAGS = startScriptNodeFlags();
const BARE = fileURLToPath(new URL('./load/bare-bolt-startup.js', import.meta.url));
const GIVE_UP_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One signed url_verification POST on a fresh connection; true when Bolt answered with the challenge. */
function probe(port: number): Promise<boolean> {
  const body = JSON.stringify({ token: 'x', challenge: 'ready', type: 'url_verification' });
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent: false,
        headers: { ...signedHeaders(SECRET, body, 'application/json'), 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(res.statusCode === 200 && text.includes('ready')));
      },
    );
    req.on('error', () => resolve(false)); // not listening yet
    req.end(body);
  });
}

/** Spawns a script and returns the ms until its receiver answers; then stops it (SIGTERM) and waits for the exit. */
async function timeToReady(script: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<number> {
  const port = await freePort();
  const started = monoMs();
  const child = spawn(process.execPath, [...nodeFlags, script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    for (;;) {
      if (await probe(port)) return monoMs() - started;
      if (exitCode !== undefined)
        throw new Error(`${path.basename(script)} exited (${exitCode}) before it was ready: ${stderr.slice(0, 500)}`);
      if (monoMs() - started > GIVE_UP_MS) throw new Error(`${path.basename(script)} not ready in ${GIVE_UP_MS} ms`);
      await sleep(2);
    }
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export async function runStartupBench(): Promise<BenchResult> {
  const api = await new FakeSlackApi({ record: false }).start();
  const dir = mkdtempSync(path.join(tmpdir(), 'compute-advice-startup-'));
  const env = { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.apiUrl };
  try {
    // one unmeasured start of each, so the OS file cache is warm for both
    await timeToReady(MAIN, { ...env, DATABASE_PATH: path.join(dir, 'warm.db') }, MAIN_FLAGS);
    await timeToReady(BARE, env);
    const fresh: number[] = [];
    const existing: number[] = [];
    const bare: number[] = [];
    // the same bare app measured again in the same rounds: the spread a ratio must clear to mean anything
    const bareAgain: number[] = [];
    const existingDb = path.join(dir, 'existing.db');
    await timeToReady(MAIN, { ...env, DATABASE_PATH: existingDb }, MAIN_FLAGS); // creates and migrates it
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeToReady(BARE, env));
      fresh.push(await timeToReady(MAIN, { ...env, DATABASE_PATH: path.join(dir, `fresh-${i}.db`) }, MAIN_FLAGS));
      existing.push(await timeToReady(MAIN, { ...env, DATABASE_PATH: existingDb }, MAIN_FLAGS));
      bareAgain.push(await timeToReady(BARE, env));
    }
    const [b, f, e, a] = [median(bare), median(fresh), median(existing), median(bareAgain)];
    const all = (list: number[]) => list.map((v) => v.toFixed(0)).join(', ');
    return {
      name: `start-up: process start -> Slack receiver answering, median of ${RUNS} (node ${process.version})`,
      lines: [
        `bare Bolt app (HTTP receiver, auth.test)       ${b.toFixed(0).padStart(5)} ms   (${all(bare)})`,
        `compute-advice, fresh database (migrations)    ${f.toFixed(0).padStart(5)} ms   (${all(fresh)})   ratio ${(f / b).toFixed(2)}x`,
        `compute-advice, existing database              ${e.toFixed(0).padStart(5)} ms   (${all(existing)})   ratio ${(e / b).toFixed(2)}x`,
        `bare Bolt app again (A/A: identical code)      ${a.toFixed(0).padStart(5)} ms   (${all(bareAgain)})   ratio ${(a / b).toFixed(2)}x`,
        `(auth.test answered by a fake Slack Web API on loopback; polled every 2 ms with a signed url_verification request)`,
      ],
    };
  } finally {
    await api.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runStartupBench();
  process.stdout.write(`${result.name}\n${result.lines.map((l) => `  ${l}`).join('\n')}\n`);
  process.exit(0);
}

/**
 * What a person sees in the terminal after `npm start` on a fresh machine: readable lines when they watch at a
 * terminal (a real pseudo-terminal through util-linux `script`), JSON lines when the output goes to a file or a log
 * shipper, and no alarm about Teams authentication for the loopback playground.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';

const MAIN = resolve('dist/src/main.js');
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The environment of a fresh machine: no chat credentials, a database in a new folder. */
function localEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const folder = mkdtempSync(join(tmpdir(), 'ca-console-'));
  folders.push(folder);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: folder,
    PORT: String(port),
    DATABASE_PATH: join(folder, 'db.sqlite'),
    ...extra,
  };
  return env;
}

/** Runs the server until its "running locally" line (or exit), then stops it; returns everything it printed. */
async function runUntilReady(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start in time:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('compute-advice is running locally')) {
        clearTimeout(timer);
        // let the lines logged around start-up arrive too
        setTimeout(done, 300);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      fail(new Error(`the server exited:\n${output}`));
    });
  });
  try {
    await ready;
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('close', done));
  }
  return output;
}

describe('the local-mode console', () => {
  it('prints JSON lines when stdout is not a terminal, and no Teams authentication alarm', async () => {
    const output = await runUntilReady(process.execPath, [MAIN], localEnv(await freePort()));
    const logLines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(output).toContain('local mode');
    expect(output).not.toMatch(/authentication is OFF/);
  });

  it('prints readable lines at a terminal (a real pseudo-terminal)', async () => {
    const port = await freePort();
    // script(1) gives the server a pseudo-terminal for stdout, as a person's shell does.
    const output = await runUntilReady(
      'script',
      ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(MAIN)}`, '/dev/null'],
      localEnv(port),
    );
    const text = output.replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).toMatch(/\[\d\d:\d\d:\d\d(\.\d+)?\] INFO: No Slack or Teams credentials: local mode/);
    expect(text.split('\n').filter((line) => line.trim().startsWith('{"'))).toEqual([]);
    expect(text).not.toMatch(/authentication is OFF/);
  });

  it('LOG_FORMAT=json keeps JSON at a terminal and LOG_FORMAT=pretty gives readable lines anywhere', async () => {
    const pretty = await runUntilReady(process.execPath, [MAIN], localEnv(await freePort(), { LOG_FORMAT: 'pretty' }));
    expect(pretty).toMatch(/INFO: No Slack or Teams credentials: local mode/);
    expect(pretty.split('\n').filter((line) => line.startsWith('{'))).toEqual([]);
    const bad = spawnSync(process.execPath, [MAIN], { env: localEnv(await freePort(), { LOG_FORMAT: 'colour' }), encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/LOG_FORMAT: got "colour"; allowed: auto, json, pretty/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

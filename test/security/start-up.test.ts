/**
 * What the server does with its environment at start, run as the built process: a start that would be unsafe or
 * cannot work stops with exit code 2 and one line naming the variable, never a stack trace; the unauthenticated
 * local mode starts only on loopback and outside production.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile, REPO_ROOT } from '../helpers/built.js';

let dir: string;
let main: string;

beforeAll(() => {
  main = builtFile('src/main.js');
  dir = mkdtempSync(join(tmpdir(), 'compute-advice-start-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  /** Exit code, or 'listening' when the server came up (it is then stopped). */
  outcome: number | 'listening';
  stdout: string;
  stderr: string;
}

/** Starts the server with exactly this environment; resolves when it exits or once it says it is listening. */
function start(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATABASE_PATH: join(dir, `db-${Math.random()}.db`), PORT: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server neither exited nor listened within 20 s\n${stdout}\n${stderr}`));
    }, 20_000);
    const finish = (outcome: Run['outcome']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ outcome, stdout, stderr });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/running locally: open http/.test(stdout)) {
        child.kill('SIGKILL');
        finish('listening');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => finish(code ?? -1));
  });
}

function expectOneLine(run: Run, problem: RegExp): void {
  expect(run.outcome, run.stdout + run.stderr).toBe(2);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^compute-advice: /);
  expect(lines[0]).toMatch(problem);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('the local mode cannot face the network', () => {
  it('no chat credentials with NODE_ENV=production: refuses to start, naming the missing credentials', async () => {
    const run = await start({ NODE_ENV: 'production' });
    expectOneLine(run, /NODE_ENV is production: set SLACK_BOT_TOKEN .* or MicrosoftAppId/);
  });

  it('no chat credentials with HOST=0.0.0.0 (the container advice): refuses to start', async () => {
    expectOneLine(await start({ HOST: '0.0.0.0' }), /HOST 0\.0\.0\.0 is not a loopback address: set SLACK_BOT_TOKEN/);
    expectOneLine(await start({ HOST: '::' }), /HOST :: is not a loopback address/);
  });

  it('an empty HOST means unset: the local mode starts on 127.0.0.1', async () => {
    const run = await start({ HOST: '' });
    expect(run.outcome, run.stderr).toBe('listening');
    expect(run.stdout).toMatch(/open http:\/\/127\.0\.0\.1:\d+\//);
  });
});

describe('bad variables are named in one line', () => {
  it('PORT= and PORT=0x10 are refused', async () => {
    expectOneLine(await start({ PORT: '' }), /PORT: must be a port number from 0 to 65535, in decimal digits/);
    expectOneLine(await start({ PORT: '0x10' }), /PORT: must be a port number/);
  });

  it('a DATABASE_PATH that cannot be opened names the variable, without a stack trace', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    expectOneLine(await start({ DATABASE_PATH: join(blocker, 'reviews.db') }), /^compute-advice: DATABASE_PATH .*: cannot open it \(/);
    const folder = join(dir, 'a-folder.db');
    mkdirSync(folder, { recursive: true });
    expectOneLine(await start({ DATABASE_PATH: folder }), /DATABASE_PATH .*a-folder\.db: cannot open it/);
  });

  it('a busy port names the port and how to pick another, without a stack trace', async () => {
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    const { port } = holder.address() as AddressInfo;
    try {
      expectOneLine(
        await start({ PORT: String(port) }),
        new RegExp(
          `^compute-advice: PORT ${port} is in use on 127\\.0\\.0\\.1: stop what holds it, or start on another port, e\\.g\\. PORT=${port + 1} npm start$`,
        ),
      );
    } finally {
      await new Promise<void>((done) => holder.close(() => done()));
    }
  });

  it('a HOST the server cannot listen on names HOST, without a stack trace', async () => {
    // with Teams credentials the server listens on HOST (an address no interface here has)
    const run = await start({ HOST: '203.0.113.7', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret-password-value' });
    expectOneLine(run, /HOST 203\.0\.113\.7, PORT 0: cannot listen there \(EADDRNOTAVAIL\)/);
    expect(run.stderr).not.toContain('secret-password-value');
    expectOneLine(await start({ HOST: 'bad host!' }), /HOST: must be an IP address/);
  });

  it('a damaged database stops start-up with one line (PRAGMA quick_check), instead of failing every request', async () => {
    const file = join(dir, 'damaged.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // one transaction: 2,000 separate commits are 2,000 syncs, seconds on a busy disk
    db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`value ${i} ${'x'.repeat(50)}`);
    })();
    db.close();
    // overwrite a page in the middle of the file: the header stays valid, the b-tree does not
    const { openSync, writeSync, closeSync, statSync } = await import('node:fs');
    const fd = openSync(file, 'r+');
    const middle = Math.floor(statSync(file).size / 4096 / 2) * 4096;
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, middle);
    closeSync(fd);
    expectOneLine(
      await start({ DATABASE_PATH: file }),
      /DATABASE_PATH .*damaged\.db: the database is damaged \(quick_check: .*restore it from a backup/,
    );
  });
});

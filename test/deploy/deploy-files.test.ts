/**
 * The two documented ways to run it (docs/DEPLOY.md). No container engine runs here, so the Dockerfile is checked by
 * what can be checked without one: its structure, that every file its runtime stage copies exists after the build,
 * and that the program starts from exactly those files with the image's environment and passes the image's own
 * HEALTHCHECK command. The systemd units go through `systemd-analyze verify`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../e2e/fake-slack-api.js';
import { freePort } from '../helpers/free-port.js';

const ROOT = resolve('.');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile lines joined across `\` continuations, comments and parser directives dropped. */
function parseDockerfile(text: string): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (current === '' && (line.trim() === '' || line.trim().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  expect(current, 'a continuation runs off the end of the Dockerfile').toBe('');
  return logical.map((line) => {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`not an instruction: ${line}`);
    return { keyword: (match[1] as string).toUpperCase(), args: (match[2] as string).trim() };
  });
}

const KNOWN = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);

/** `ENV A=1 B=2` pairs (the key=value form the Dockerfile uses). */
function envPairs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of args.split(/\s+/).filter(Boolean)) {
    const [key, ...value] = pair.split('=');
    out[key as string] = value.join('=');
  }
  return out;
}

const instructions = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const stages = instructions.reduce<Instruction[][]>((all, instruction) => {
  if (instruction.keyword === 'FROM') all.push([]);
  all.at(-1)?.push(instruction);
  return all;
}, []);
const runtime = stages.at(-1) ?? [];
const runtimeEnv = Object.assign({}, ...runtime.filter((i) => i.keyword === 'ENV').map((i) => envPairs(i.args))) as Record<string, string>;
const runtimeCopies = runtime
  .filter((i) => i.keyword === 'COPY')
  .map((i) => {
    const words = i.args.split(/\s+/);
    expect(words[0], `runtime COPY takes from the build stage: ${i.args}`).toBe('--from=build');
    return { from: (words[1] as string).replace(/^\/app\//, ''), to: words[2] as string };
  });
const execForm = (keyword: string, instruction: Instruction | undefined): string[] => {
  expect(instruction, `${keyword} is present`).toBeDefined();
  const json = (instruction as Instruction).args.replace(/^.*?CMD\s+/, '');
  return JSON.parse(keyword === 'HEALTHCHECK' ? json : (instruction as Instruction).args) as string[];
};

describe('the Dockerfile', () => {
  it('builds in one stage and runs in a second, slim and not as root, with a HEALTHCHECK and an exec-form CMD', () => {
    for (const instruction of instructions) expect(KNOWN.has(instruction.keyword), instruction.keyword).toBe(true);
    expect(stages).toHaveLength(2);
    expect(stages[0]?.[0]?.args).toMatch(/^node:20-bookworm AS build$/);
    expect(runtime[0]?.args).toMatch(/^node:20-bookworm-slim AS runtime$/);
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(runtimeEnv).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', DATABASE_PATH: '/data/compute-advice.db' });
    expect(runtime.some((i) => i.keyword === 'VOLUME' && i.args.includes('/data'))).toBe(true);
    expect(
      execForm(
        'CMD',
        runtime.find((i) => i.keyword === 'CMD'),
      ),
    ).toEqual(['node', 'dist/src/main.js']);
    expect(
      execForm(
        'HEALTHCHECK',
        runtime.find((i) => i.keyword === 'HEALTHCHECK'),
      )[0],
    ).toBe('node');
    // the native module is compiled where the toolchain is, never in the runtime stage
    expect(stages[0]?.some((i) => i.keyword === 'RUN' && /npm rebuild better-sqlite3/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.keyword === 'RUN' && /npm|node-gyp/.test(i.args))).toBe(false);
  });

  it('copies only files that exist after the build, and the build context leaves out local state', () => {
    for (const copy of runtimeCopies) expect(existsSync(join(ROOT, copy.from)), copy.from).toBe(true);
    expect(runtimeCopies.map((c) => c.from)).toEqual(
      expect.arrayContaining(['package.json', 'node_modules', 'dist/src', 'dist/content-cache.json', 'rules', 'prompts', 'migrations']),
    );
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist', 'data', '*.db']));
  });
});

describe('the image runs from its runtime files alone', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ca-image-'));
  const api = new FakeSlackApi();
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    await api.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('starts with the image environment (Slack over HTTP) and a mounted lens, and passes the HEALTHCHECK command', async () => {
    const app = join(folder, 'app');
    for (const copy of runtimeCopies) {
      const target = join(app, copy.to.endsWith('/') ? join(copy.to, copy.from.split('/').at(-1) as string) : copy.to);
      mkdirSync(dirname(target), { recursive: true });
      // the production node_modules is npm prune's job in the image; here the installed one stands in
      if (copy.from === 'node_modules') symlinkSync(join(ROOT, 'node_modules'), target, 'dir');
      else cpSync(join(ROOT, copy.from), target, { recursive: true });
    }
    expect(readdirSync(app).sort()).toEqual(['dist', 'migrations', 'node_modules', 'package.json', 'prompts', 'rules']);
    // A lens lives outside the image, mounted read-only (docs/DEPLOY.md): it needs nothing the image leaves out.
    const lens = join(folder, 'lenses', 'acme-platform.yaml');
    mkdirSync(dirname(lens));
    cpSync(join(ROOT, 'examples', 'lenses', 'acme-platform.yaml'), lens);
    await api.start();
    const port = String(await freePort());
    const env = {
      PATH: process.env.PATH,
      ...runtimeEnv,
      PORT: port,
      DATABASE_PATH: join(folder, 'data', 'compute-advice.db'),
      SLACK_BOT_TOKEN: 'xoxb-deploy-test',
      SLACK_SIGNING_SECRET: 'deploy-test-signing-secret',
      SLACK_API_URL: api.apiUrl,
      LENS_PATHS: lens,
    };
    const [command, ...args] = execForm(
      'CMD',
      runtime.find((i) => i.keyword === 'CMD'),
    );
    let output = '';
    child = spawn(command === 'node' ? process.execPath : (command as string), args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });

    const [probe, ...probeArgs] = execForm(
      'HEALTHCHECK',
      runtime.find((i) => i.keyword === 'HEALTHCHECK'),
    );
    const deadline = Date.now() + 20_000;
    let status: number | null = null;
    while (Date.now() < deadline) {
      expect(child.exitCode, `the server exited:\n${output}`).toBeNull();
      status = spawnSync(probe === 'node' ? process.execPath : (probe as string), probeArgs, { env, timeout: 5_000 }).status;
      if (status === 0) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    expect(status, output).toBe(0);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(output).toMatch(/Slack listening on http:\/\/0\.0\.0\.0:\d+\/slack\/events/);
    expect(output).toMatch(/"rulesVersion":"[^"]+;acme-platform@1\.2\.0#[0-9a-f]{12}".*"msg":"organisation lenses applied"/);

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((done) => child?.once('exit', (exitCode) => done(exitCode)));
    expect(code).toBe(0);
  });
});

describe('the systemd units', () => {
  const analyze = spawnSync('systemd-analyze', ['--version']);
  const available = analyze.status === 0;
  if (!available && process.env.CI) throw new Error('systemd-analyze is missing: CI needs it to check deploy/*.service');

  it.runIf(available)('pass systemd-analyze verify', () => {
    const units = readdirSync(join(ROOT, 'deploy')).filter((f) => /\.(service|timer)$/.test(f));
    expect(units.sort()).toEqual(['compute-advice-backup.service', 'compute-advice-backup.timer', 'compute-advice.service']);
    for (const unit of units) {
      const result = spawnSync('systemd-analyze', ['verify', join(ROOT, 'deploy', unit)], { encoding: 'utf8' });
      expect(`${unit}: ${result.status} ${result.stderr}`).toBe(`${unit}: 0 `);
    }
  });

  it('run the built program as an unprivileged user that writes only its state directory', () => {
    const unit = readFileSync(join(ROOT, 'deploy', 'compute-advice.service'), 'utf8');
    expect(unit).toMatch(/^User=compute-advice$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^StateDirectory=compute-advice$/m);
    expect(unit).toMatch(/^Environment=NODE_ENV=production$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/compute-advice\/dist\/src\/main\.js$/m);
    const backup = readFileSync(join(ROOT, 'deploy', 'compute-advice-backup.service'), 'utf8');
    expect(backup).toMatch(/db backup "\/var\/lib\/compute-advice\/backups\/compute-advice-\$\(date \+%%Y-%%m-%%d\)\.db" --force/);
  });
});

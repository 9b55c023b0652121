/**
 * A broken rules or prompts file stops the server and the CLI with one line naming the file and the problem, exit
 * code 2, no stack trace. The built app runs from a temp copy of the repository (dist/src and the build's validation
 * cache, rules/, prompts/, migrations/, playground/, node_modules linked), so its loaders find the broken copy and the
 * real files stay as they are.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { builtFile, REPO_ROOT } from '../helpers/built.js';

let root: string;

beforeAll(() => {
  builtFile('src/main.js');
  root = mkdtempSync(join(tmpdir(), 'compute-advice-content-'));
  cpSync(join(REPO_ROOT, 'dist', 'src'), join(root, 'dist', 'src'), { recursive: true });
  // The build's validation cache comes along: a broken file must miss it and fail validation all the same.
  cpSync(builtFile('content-cache.json'), join(root, 'dist', 'content-cache.json'));
  for (const folder of ['rules', 'prompts', 'migrations', 'playground', 'examples'])
    cpSync(join(REPO_ROOT, folder), join(root, folder), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(root, 'dist', 'src', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    // no chat credentials: the server would start in local mode, on a port of its own
    env: { PATH: process.env.PATH, DATABASE_PATH: join(root, 'data', 'test.db'), PORT: '0', LOG_LEVEL: 'silent', ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Restores a file after the test body, broken or not. */
function withBroken(file: string, breakIt: (text: string) => string, body: () => void): void {
  const path = join(root, file);
  const original = readFileSync(path, 'utf8');
  writeFileSync(path, breakIt(original));
  try {
    body();
  } finally {
    writeFileSync(path, original);
  }
}

function expectOneLine(result: ReturnType<typeof run>, prefix: string, file: string, problem: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.split('\n').filter((line) => line !== '');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^${prefix}`));
  expect(lines[0]).toContain(file);
  expect(lines[0]).toMatch(problem);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

const notYaml = (text: string) => `rules: [\n${text}`;
const unknownQuestionType = (text: string) => {
  const doc = parseDocument(text);
  doc.setIn(['questions', 0, 'type'], 'bogus');
  return doc.toString();
};

describe('broken content', () => {
  it('the control run: the intact copy runs `evaluate`', () => {
    const result = run('cli/main.js', ['evaluate', 'examples/stateless-api.yaml']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('rules/rules.yaml that is not YAML: the server and `evaluate` exit 2 with one line', () => {
    withBroken('rules/rules.yaml', notYaml, () => {
      expectOneLine(run('main.js', []), 'compute-advice: ', 'rules.yaml', /not valid YAML/);
      expectOneLine(run('cli/main.js', ['evaluate', 'examples/stateless-api.yaml']), 'error: ', 'rules.yaml', /not valid YAML/);
    });
  });

  it('prompts/interview.yaml with an unknown question type: the server and `interview` exit 2 with one line', () => {
    withBroken('prompts/interview.yaml', unknownQuestionType, () => {
      expectOneLine(run('main.js', []), 'compute-advice: ', 'interview.yaml', /type/);
      expectOneLine(run('cli/main.js', ['interview', 'payments-webhooks']), 'error: ', 'interview.yaml', /type/);
    });
  });

  it('a lens in LENS_PATHS that does not apply: the server, `evaluate` and `interview` exit 2 with one line, nothing started', () => {
    // Well-formed, so only applying it finds the problem: it adjusts a rule that does not exist.
    const lens = 'examples/lenses/acme-platform.yaml';
    withBroken(
      lens,
      (text) => text.replace('- id: skills_none', '- id: skills_nonexistent'),
      () => {
        const env = { LENS_PATHS: lens };
        const problem = /adjust\[0\]\.id: there is no rule skills_nonexistent to adjust; allowed: /;
        expectOneLine(run('main.js', [], env), 'compute-advice: ', lens, problem);
        expectOneLine(run('cli/main.js', ['evaluate', 'examples/stateless-api.yaml'], env), 'error: ', lens, problem);
        expectOneLine(run('cli/main.js', ['interview', 'payments-webhooks'], env), 'error: ', lens, problem);
        expectOneLine(run('cli/main.js', ['evaluate', '--lens', lens, 'examples/stateless-api.yaml']), 'error: ', lens, problem);
      },
    );
  });

  it('a lens file that is missing: the server exits 2 naming it', () => {
    expectOneLine(
      run('main.js', [], { LENS_PATHS: 'lenses/missing.yaml' }),
      'compute-advice: ',
      'lenses/missing.yaml',
      /cannot read the lens \(ENOENT\)/,
    );
  });
});

import { once } from 'node:events';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT, runCli, spawnCli, tempDatabase } from './cli-helpers.js';
import { STEADY_API_ANSWERS } from '../helpers/steady-api-answers.js';

const ANSWERS = STEADY_API_ANSWERS;

function storedAnswers(databasePath: string, reviewId: string): Record<string, string> {
  const db = new Database(databasePath, { readonly: true });
  try {
    const rows = db.prepare('SELECT question_id, value_json FROM answers WHERE review_id = ?').all(reviewId) as Array<{
      question_id: string;
      value_json: string;
    }>;
    return Object.fromEntries(rows.map((r) => [r.question_id, r.value_json]));
  } finally {
    db.close();
  }
}

function reviewIdFrom(output: string): string {
  const match = /\((r-[0-9a-f]{10})\)/.exec(output);
  if (!match?.[1]) throw new Error(`no review id in: ${output.slice(0, 200)}`);
  return match[1];
}

describe('compute-advice interview --lens', () => {
  it("asks the lens's questions after the built-in ones, stores the answers and shows them on the card", () => {
    const databasePath = tempDatabase();
    // The built-in questions this API is asked, then the Northbank lens's two: restricted data, EU personal data.
    const builtIn = ['api', 'aws', 'stateless', 'steady', 'about 40 req/s', '200ms', '500ms', '512mb', '1', 'node', 'basic', 'none'];
    const input = `${[...builtIn, 'restricted', 'yes'].join('\n')}\n`;
    const { code, stdout, stderr } = runCli(['interview', '--lens', 'examples/lenses/northbank-data.yaml', 'ledger-api'], {
      input,
      databasePath,
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toContain('Sorry');
    // The lens's questions count in the progress line like the built-in ones.
    expect(stdout).toContain('[Question 13 of about 14] What is the most sensitive data this workload handles?');
    expect(stdout).toContain('[Question 14 of 14] Does it process personal data of EU customers?');
    const answers = storedAnswers(databasePath, reviewIdFrom(stdout));
    expect(answers).toMatchObject({ data_classification: '"restricted"', eu_personal_data: 'true' });
    expect(stdout).toMatch(/❌ WebAssembly at the edge: unsuitable\. Restricted data never leaves\s+Northbank's own tenancy/);
    expect(stdout).toMatch(/data\s+classification:\s+Restricted · eu\s+personal\s+data:\s+yes/);
    expect(stdout).toMatch(/Lens\s+northbank-data\s+3\.0\.1\s+·\s+Review r-/);
  });
});

describe('compute-advice interview', () => {
  it('runs from piped stdin and prints the recommendation; reviews list/show find it', () => {
    const databasePath = tempDatabase();
    const { code, stdout, stderr } = runCli(['interview', 'orders-api'], { input: `${ANSWERS.join('\n')}\n`, databasePath });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Recommended: ');
    const id = reviewIdFrom(stdout);
    const questionsAsked = (stdout.match(/^\[Question \d+ of (about )?\d+\]/gm) ?? []).length;
    expect(questionsAsked).toBeLessThanOrEqual(13);
    const list = runCli(['reviews', 'list'], { databasePath });
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('completed');
    const show = runCli(['reviews', 'show', id, '--json'], { databasePath });
    const shown = JSON.parse(show.stdout);
    expect(shown.review.status).toBe('completed');
    expect(shown.recommendation.rulesVersion).toMatch(/\+/);
  });

  it('re-asks a bad answer without storing anything', () => {
    const databasePath = tempDatabase();
    const { stdout } = runCli(['interview', 'x'], { input: 'api\naws\nstateless\nsteady\nlots\n', databasePath });
    const id = reviewIdFrom(stdout);
    expect(stdout).toMatch(/I need|e\.g\.|like/);
    expect(Object.keys(storedAnswers(databasePath, id))).toHaveLength(4);
  });

  it('survives SIGKILL half-way: resume keeps every answer given before the kill', async () => {
    const databasePath = tempDatabase();
    const child = spawnCli(['interview', 'killed-mid-way'], databasePath);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const prompts = () => (output.match(/^> /gm) ?? []).length;
    // Each answer is written only once its question is on screen, and counts as stored once the next one is.
    const promptsShown = async (count: number) => {
      const deadline = Date.now() + 15_000;
      while (prompts() < count) {
        if (Date.now() > deadline) throw new Error(`prompt ${count} never appeared; output so far:\n${output}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const half = ANSWERS.slice(0, 5);
    for (const [index, answer] of half.entries()) {
      await promptsShown(index + 1);
      child.stdin.write(`${answer}\n`);
    }
    await promptsShown(half.length + 1);
    const id = reviewIdFrom(output);
    const before = storedAnswers(databasePath, id);
    expect(Object.keys(before)).toHaveLength(5);
    child.kill('SIGKILL');
    await once(child, 'exit');

    const resumed = runCli(['interview', '--resume', id], { input: `${ANSWERS.slice(5).join('\n')}\n`, databasePath });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Resuming killed-mid-way');
    expect(resumed.stdout).toContain('Recommended: ');
    const after = storedAnswers(databasePath, id);
    for (const [question, value] of Object.entries(before)) expect(after[question]).toBe(value);
    const db = new Database(databasePath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);

  it('db migrate and db backup work on the same database; a refused backup names the real flag or the missing folder', () => {
    const databasePath = tempDatabase();
    expect(runCli(['db', 'migrate'], { databasePath }).stdout).toMatch(/applied 0001_init/);
    expect(runCli(['db', 'migrate'], { databasePath }).stdout).toMatch(/up to date/);
    const target = `${databasePath}.bak`;
    const backup = runCli(['db', 'backup', target], { databasePath });
    expect(backup.code).toBe(0);
    const again = runCli(['db', 'backup', target], { databasePath });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`error: ${target}: it already exists; choose another file, or pass --force to replace it\n`);
    expect(runCli(['db', 'backup', '--force', target], { databasePath }).code).toBe(0);
    const nowhere = join(dirname(databasePath), 'no-such-folder', 'x.db');
    const missing = runCli(['db', 'backup', nowhere], { databasePath });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`the folder ${dirname(nowhere)} does not exist; create it first`);
    expect(existsSync(dirname(nowhere))).toBe(false);
  });

  it('an interview whose input runs out, or ends on a bad answer, exits non-zero naming the question that was waiting', () => {
    const databasePath = tempDatabase();
    const short = runCli(['interview', 'short'], { input: 'api\naws\n', databasePath });
    expect(short.code).toBe(2);
    // The hint works as typed: run from the project folder, npx finds the project's own bin.
    const id = reviewIdFrom(short.stdout);
    expect(short.stderr).toBe(
      `error: input ended while question 3 was waiting: Where does it keep its state between requests or runs?\nerror: answers so far are saved: npx compute-advice interview --resume ${id}\n`,
    );
    const bad = runCli(['interview', 'bad'], { input: 'api\naws\nstateless\nsteady\nlots\n', databasePath });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: input ended while question 5 was waiting: About how many requests/);
  });

  it('offers the earlier answer when going back: Enter keeps it, and progress reads "Question N of about M"', () => {
    const databasePath = tempDatabase();
    const { code, stdout } = runCli(['interview', 'back-and-keep'], {
      input: `api\naws\nstateless\n:back\n\n${ANSWERS.slice(3).join('\n')}\n`,
      databasePath,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/\[Question 1 of about \d+\] What kind of workload/);
    expect(stdout).toContain('(Enter keeps: Stateless');
    expect(stdout).toContain('Recommended: ');
    expect(storedAnswers(databasePath, reviewIdFrom(stdout)).state_location).toBe('"stateless"');
  });

  it('prints its version', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

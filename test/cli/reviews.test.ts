import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createServices } from '../../src/app/services.js';
import { runCli, tempDatabase } from './cli-helpers.js';
import { STEADY_API_ANSWERS } from '../helpers/steady-api-answers.js';

const ANSWERS = STEADY_API_ANSWERS;

/** Runs the interview; a shorter list of answers leaves it unfinished (the CLI then says how to resume). */
function interview(databasePath: string, name: string, answers: readonly string[] = ANSWERS): string {
  const { code, stdout, stderr } = runCli(['interview', name], { input: `${answers.join('\n')}\n`, databasePath });
  if (answers === ANSWERS) {
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }
  const match = /\((r-[0-9a-f]{10})\)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no review id in: ${stdout.slice(0, 200)}`);
  return match[1];
}

function frontMatterOf(markdown: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error(`no front matter in: ${markdown.slice(0, 200)}`);
  return parse(match[1]!) as Record<string, unknown>;
}

describe('compute-advice reviews (export, list --json, show)', () => {
  it('exports a finished review as MADR Markdown, and a redone review of the same workload supersedes it', () => {
    const databasePath = tempDatabase();
    const first = interview(databasePath, 'checkout-api');
    const exported = runCli(['reviews', 'export', first], { databasePath });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(frontMatterOf(exported.stdout).status).toBe('proposed');
    expect(exported.stdout).toContain('# Run checkout-api on ');
    expect(exported.stdout).toContain('## Decision Outcome');
    expect(exported.stdout).toContain(`* Review id: ${first}`);

    const second = interview(databasePath, 'Checkout-API');
    const older = runCli(['reviews', 'export', first], { databasePath }).stdout;
    expect(frontMatterOf(older).status).toBe(`superseded by ${second}`);
    const newer = runCli(['reviews', 'export', second], { databasePath }).stdout;
    expect(frontMatterOf(newer).status).toBe('proposed');
    expect(newer).toContain(`* Supersedes the earlier review ${first} of the same workload`);
  });

  it('--format json prints the whole review: answers with history, recommendation, decisions, sign-off', async () => {
    const databasePath = tempDatabase();
    const id = interview(databasePath, 'orders-api');
    const services = await createServices({ databasePath });
    try {
      const requester = (await services.reviews.get(id))!.requesterId;
      expect((await services.reviews.recordDecision(id, requester, 'vm', { note: 'ops team knows VMs' })).kind).toBe('ok');
    } finally {
      await services.close();
    }
    const { code, stdout } = runCli(['reviews', 'export', id, '--format', 'json'], { databasePath });
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(record).toMatchObject({ id, name: 'orders-api', status: 'completed', recordStatus: 'proposed', signOff: 'not_requested' });
    expect(record.answers.find((a: { question: string }) => a.question === 'What does its traffic look like over a day?')).toMatchObject({
      value: 'steady',
      history: [{ action: 'answer', value: 'steady', label: expect.stringMatching(/^Steady/) }],
    });
    expect(record.recommendation.result.rulesVersion).toMatch(/\+/);
    expect(record.decisions).toEqual([expect.objectContaining({ model: 'vm', note: 'ops team knows VMs' })]);
    expect(record.signOffs).toEqual([]);

    const markdown = runCli(['reviews', 'export', id], { databasePath }).stdout;
    expect(markdown).toContain('# Run orders-api on virtual machines');
    expect(markdown).toMatch(/Chosen option: "virtual machines", recorded by .+ on \d{4}-\d\d-\d\d/);
  });

  it('list --json gives id, name, status, recommended, decision and signOff for each review, newest first', () => {
    const databasePath = tempDatabase();
    const done = interview(databasePath, 'done-api');
    const unfinished = interview(databasePath, 'half-done', ANSWERS.slice(0, 3));
    const { code, stdout } = runCli(['reviews', 'list', '--json'], { databasePath });
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(list.map((r) => r.id)).toEqual([unfinished, done]);
    expect(list[0]).toMatchObject({
      name: 'half-done',
      status: 'in_progress',
      recommended: null,
      decision: null,
      signOff: 'not_requested',
    });
    expect(list[1]).toMatchObject({ name: 'done-api', status: 'completed', recommended: expect.any(String), decision: null });
    expect(JSON.parse(runCli(['reviews', 'list', '--json'], { databasePath: tempDatabase() }).stdout)).toEqual([]);
  });

  it('show prints the audit trail: who answered what, the recommendation and the decision, oldest first', async () => {
    const databasePath = tempDatabase();
    const id = interview(databasePath, 'audited-api');
    const services = await createServices({ databasePath });
    try {
      const requester = (await services.reviews.get(id))!.requesterId;
      await services.reviews.recordDecision(id, requester, 'containers');
    } finally {
      await services.close();
    }
    const { code, stdout } = runCli(['reviews', 'show', id], { databasePath });
    expect(code).toBe(0);
    // wrapped lines joined back: one event a line
    const trail = stdout.slice(stdout.indexOf('Audit trail:')).replace(/\n {20}/g, ' ');
    const lines = trail.split('\n').filter((l) => /^ {2}\d{4}-/.test(l));
    expect(lines[0]).toMatch(/started the review of audited-api$/);
    expect(trail).toMatch(/answered "What does its traffic look like over a day\?": Steady/);
    const recommendedAt = lines.findIndex((l) => l.includes('compute-advice recommended'));
    const decidedAt = lines.findIndex((l) => l.includes('recorded the decision containers'));
    expect(recommendedAt).toBeGreaterThan(0);
    expect(decidedAt).toBeGreaterThan(recommendedAt);
  });

  it('refuses an unknown id or format with one line and exit code 2', () => {
    const databasePath = tempDatabase();
    const missing = runCli(['reviews', 'export', 'r-nope'], { databasePath });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: no review with id r-nope (compute-advice reviews list shows them)\n');
    const id = interview(databasePath, 'format-api');
    const badFormat = runCli(['reviews', 'export', id, '--format', 'pdf'], { databasePath });
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format.*'pdf' is invalid\. Allowed choices are markdown, json\./);
    expect(badFormat.stdout).toBe('');
  });
});

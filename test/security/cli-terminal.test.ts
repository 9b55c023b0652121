/**
 * Names typed in Slack or Teams end up in the same database the operator's CLI reads. Printing them must not
 * let ANSI/OSC escapes (colours, screen clears, window titles, hyperlinks) or bidi overrides reach the terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-io.js';
import { registerReviews } from '../../src/cli/commands/reviews.js';
import { runCli } from '../../src/cli/program.js';
import { parseCommand } from '../../src/teams/parse-command.js';
import { plainTextProblems } from './helpers/inert.js';
import { completeReview, tempServices, type TempServices } from './helpers/reviews.js';
import { INJECTION_CORPUS, SHORT_CORPUS, profileName } from './injection-corpus.js';

const HOSTILE = INJECTION_CORPUS.filter((e) => /^(ansi-|c1-|bidi-|nul-|combo-controls)/.test(e.id));

function io(databasePath: string, stdin = ''): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readStdin: () => stdin,
    env: { DATABASE_PATH: databasePath },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('CLI output of names stored by the chat platforms', () => {
  let s: TempServices;
  const ids: string[] = [];
  beforeAll(async () => {
    s = await tempServices();
    for (const entry of HOSTILE) {
      // what the Teams adapter stores for `compute-advice <text>`
      const command = parseCommand(`compute-advice ${entry.text}`);
      const name = command.kind === 'start' ? command.workloadName : profileName(entry.text);
      const review = (
        await s.reviews.start(
          {
            platform: 'teams',
            workspaceId: 'tenant',
            channelId: '19:c@thread.tacv2',
            threadRef: `19:c@thread.tacv2;messageid=${ids.length}`,
          },
          '29:1x',
          name,
        )
      ).review;
      await completeReview(s.reviews, review.id, '29:1x');
      ids.push(review.id);
    }
  });
  afterAll(() => s.dispose());

  it('names are cleaned when a review starts; rows written before that (raw) are still printed safely below', async () => {
    expect((await s.store.reviews.listRecent(100)).some((r) => /\u001b/.test(r.workloadName))).toBe(false);
    // An older database may hold raw names: seed one directly, below the use case.
    await s.store.reviews.create({
      platform: 'teams',
      workspaceId: 't',
      channelId: 'c',
      requesterId: 'u',
      workloadName: '\u001b]0;pwned\u0007old \u202Egnp.exe',
      at: 1,
    });
    expect((await s.store.reviews.listRecent(100)).some((r) => /\u001b/.test(r.workloadName))).toBe(true);
  });

  it('evaluate prints a profile name without control or bidi characters', async () => {
    for (const entry of SHORT_CORPUS.filter((e) => HOSTILE.includes(e) || /newlines|crlf|tabs/.test(e.id))) {
      const cli = io(s.dbPath, JSON.stringify({ name: entry.text, kind: 'api', traffic: 'steady', durationSeconds: 1 }));
      const code = await runCli(['evaluate', '-'], cli);
      if (code !== 0) continue; // names the schema refuses (e.g. blank once trimmed)
      expect(plainTextProblems(entry.id, cli.stdout()), entry.id).toEqual([]);
      const md = io(s.dbPath, JSON.stringify({ name: entry.text, kind: 'api', traffic: 'steady', durationSeconds: 1 }));
      await runCli(['evaluate', '--markdown', '-'], md);
      expect(plainTextProblems(entry.id, md.stdout()), `${entry.id} --markdown`).toEqual([]);
    }
  });

  it('reviews list and reviews show print stored names without control or bidi characters', async () => {
    const problems: string[] = [];
    const list = io(s.dbPath);
    expect(await runCli(['reviews', 'list', '--limit', '100'], list, [registerReviews])).toBe(0);
    problems.push(...plainTextProblems('reviews list', list.stdout()));
    for (const id of ids) {
      const show = io(s.dbPath);
      expect(await runCli(['reviews', 'show', id], show, [registerReviews])).toBe(0);
      problems.push(...plainTextProblems(`reviews show ${id}`, show.stdout()));
    }
    expect(problems).toEqual([]);
  });
});

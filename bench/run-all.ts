import { runBenchEntry } from './bench-env.js';
import type { BenchResult } from './bench-result.js';

/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run; a few minutes.
 * `npm run bench -- --long` runs the Slack ack bench for 48 rounds (about 20 minutes) instead of 4. Names after the
 * options pick benches (`npm run bench -- slack teams`).
 */
const benches: Array<[string, string, string]> = [
  ['engine', './engine-bench.js', 'runEngineBench'],
  ['answer writes', './answer-write-bench.js', 'runAnswerWriteBench'],
  ['postgres', './postgres-bench.js', 'runPostgresBench'],
  ['slack ack', './slack-ack-bench.js', 'runSlackAckBench'],
  ['teams', './teams-bench.js', 'runTeamsBench'],
  ['digest', './digest-bench.js', 'runDigestBench'],
  ['start-up', './startup-bench.js', 'runStartupBench'],
];
// The load benchmark (about 6 minutes) runs on its own: npm run bench:load.

const args = process.argv.slice(2);
if (args.includes('--long')) process.env.SLACK_BENCH_ROUNDS ??= '48';
const only = args.filter((a) => !a.startsWith('--'));
await runBenchEntry(async () => {
  for (const [label, file, exportName] of benches) {
    if (only.length > 0 && !only.some((o) => label.includes(o))) continue;
    const run = (await import(file))[exportName] as () => Promise<BenchResult>;
    const result = await run();
    process.stdout.write(`\n== ${result.name}\n${result.lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
});
process.exit(0);

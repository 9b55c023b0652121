import { z } from 'zod';
import { formatIssues } from '../src/core/format-issues.js';

/**
 * The benchmarks' environment knobs, validated like the app's own environment: a bad value stops the bench with a
 * message that names the variable and what it accepts, instead of running with NaN or a silent default.
 */
/** A whole number from min to max, or `fallback` when unset or empty (undefined: stays unset). */
function wholeNumber<Fallback extends number | undefined>(min: number, max: number, fallback: Fallback) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): number | Fallback => {
      if (value === undefined || value === '') return fallback;
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})` });
        return z.NEVER;
      }
      return n;
    });
}

export const MAX_SEED = 0xffff_ffff;

export const BenchEnvSchema = z.object({
  /** Slack ack bench: steady rounds per app (400 commands each). `npm run bench -- --long` sets 48. */
  SLACK_BENCH_ROUNDS: wholeNumber(1, 500, 4),
  /** Load bench: concurrent interviews per turn. */
  LOAD_SLACK_INTERVIEWS: wholeNumber(1, 5000, 200),
  LOAD_TEAMS_INTERVIEWS: wholeNumber(1, 5000, 50),
  /** Load bench: turns per app (ours and the baseline alternate: ours, baseline, baseline, ours…). */
  LOAD_TURNS: wholeNumber(1, 20, 2),
  /**
   * Load bench: what the baseline turns run. `bare` (the default): a bare Bolt app and a bare botbuilder bot making the
   * platform calls ours makes. `ours`: compute-advice again on a fresh database (an A/A run), whose spread around 1.0x
   * is the bench's own noise.
   */
  LOAD_BASELINE: z.enum(['bare', 'ours']).default('bare'),
  /** Load bench: the seed of the users' arrival schedules; every run prints its own, to repeat them. Unset: a new one. */
  LOAD_SEED: wholeNumber(0, MAX_SEED, undefined),
});

export type BenchEnv = z.infer<typeof BenchEnvSchema>;

export class BenchEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Benchmark settings are invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'BenchEnvError';
  }
}

export function readBenchEnv(source: NodeJS.ProcessEnv = process.env): BenchEnv {
  const parsed = BenchEnvSchema.safeParse(source, { reportInput: true });
  if (!parsed.success) throw new BenchEnvError(formatIssues(parsed.error));
  return parsed.data;
}

/** For a bench's entry point: a settings error is the user's, so it prints as a message (exit 2), never a stack. */
export async function runBenchEntry(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof BenchEnvError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

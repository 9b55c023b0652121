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

const DEFAULT_THINK_MS = '2000-6000';
export const MAX_SEED = 0xffff_ffff;
const thinkRange = z
  .string()
  .trim()
  .default(DEFAULT_THINK_MS)
  .transform((value, ctx) => {
    const match = /^(\d+)-(\d+)$/.exec(value === '' ? DEFAULT_THINK_MS : value);
    const [low, high] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
    if (!match || low > high) {
      ctx.addIssue({ code: 'custom', message: `must be a range of milliseconds such as 2000-6000, the first no larger than the second (got ${JSON.stringify(value)})` });
      return z.NEVER;
    }
    return [low, high] as [number, number];
  });

export const BenchEnvSchema = z.object({
  /** Slack ack bench: steady rounds per app (19,200 commands at 48). */
  SLACK_BENCH_ROUNDS: wholeNumber(1, 500, 48),
  /** Load bench: concurrent interviews per turn. */
  LOAD_SLACK_INTERVIEWS: wholeNumber(1, 5000, 200),
  LOAD_TEAMS_INTERVIEWS: wholeNumber(1, 5000, 50),
  /** Load bench: how long users think before each answer, "low-high" in ms. */
  LOAD_THINK_MS: thinkRange,
  /** Load bench: the users' start times spread over this many ms. */
  LOAD_RAMP_MS: wholeNumber(0, 600_000, 5000),
  /** Load bench: turns per app (ours and bare alternate: ours, bare, bare, ours, ours, bare…). */
  LOAD_TURNS: wholeNumber(1, 20, 2),
  /** Load bench: the app's pino level (info, as in production). */
  LOAD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Load bench: what the bare Bolt baseline does per answer. `post-and-update` (the default): ack, post one message, then
   * update the answered message, as ours does, so both make the same Web API calls. `post`: only the post.
   */
  LOAD_BARE_SLACK: z.enum(['post', 'post-and-update']).default('post-and-update'),
  /**
   * Load bench: what the bare botbuilder echo bot does per activity. `reply-and-update` (the default): one reply, then
   * an update of the card the submit came from (its replyToId), as ours does, so both make the same connector calls.
   * `reply`: only the reply.
   */
  LOAD_BARE_TEAMS: z.enum(['reply', 'reply-and-update']).default('reply-and-update'),
  /**
   * Load bench: the bare apps' node flags. `deployed` (the default): those of `npm start`, which ours always runs
   * with (the heap limits that keep it under 150 MB), so both apps run on the same V8 settings. `none`: plain node.
   */
  LOAD_BARE_NODE_FLAGS: z.enum(['deployed', 'none']).default('deployed'),
  /**
   * Load bench: a turn during which the hypervisor took more than this share (%) of the machine's CPU time (steal) is
   * run again, at most twice; 100 never repeats one.
   */
  LOAD_MAX_STEAL_PERCENT: wholeNumber(0, 100, 5),
  /**
   * Load bench: what the baseline turns run. `bare` (the default): the bare Bolt app and echo bot. `ours`: compute-advice
   * again, on a fresh database (an A/A run): every ratio should read 1.0x, and how far it strays is the bench's own noise.
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

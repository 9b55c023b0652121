import { isIP } from 'node:net';
import { z } from 'zod';
import { formatIssues } from './core/format-issues.js';
import { ConfigError } from './errors.js';
import { isLoopbackHost } from './http/loopback.js';
import { databaseEnvFields, wholeNumberIn } from './database-env.js';
import type { DatabaseTarget } from './storage/database-target.js';

const optionalText = z
  .string()
  .trim()
  .min(1)
  .optional()
  .or(z.literal('').transform(() => undefined));
/** Plain decimal digits only: `PORT=` and `PORT=0x10` are mistakes, not ports 0 and 16. 0 picks a free port. */
const port = z
  .string()
  .regex(/^\d{1,5}$/, { error: 'must be a port number from 0 to 65535, in decimal digits' })
  .transform(Number)
  .refine((n) => n <= 65535, { error: 'must be a port number from 0 to 65535, in decimal digits' });

/** An IP address or a host name; empty means unset. */
const host = z
  .string()
  .trim()
  .transform((v) => v || '127.0.0.1')
  .refine(
    (v) =>
      isIP(v) !== 0 ||
      /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(v),
    {
      error: 'must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name',
    },
  );

/** https, or plain http to this machine (a local proxy, a try-out, tests). */
function httpsOrLoopback(u: URL): boolean {
  return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
}

/** The Slack Web API: https, or plain http on loopback (a local proxy, tests). */
const slackApiUrl = z
  .url({ error: 'must be a URL such as https://slack.com/api/' })
  .refine((v) => httpsOrLoopback(new URL(v)), {
    error: 'must be an https:// URL (plain http:// only to 127.0.0.1, ::1 or localhost)',
  })
  .optional()
  .or(z.literal('').transform(() => undefined));
/** Where people reach the bot's HTTP server: https, or plain http on loopback (a local try-out). No query or fragment. */
const publicUrl = z
  .string()
  .trim()
  .min(1)
  .refine(
    (v) => {
      if (!URL.canParse(v)) return false;
      const u = new URL(v);
      return httpsOrLoopback(u) && u.search === '' && u.hash === '' && u.username === '' && u.password === '';
    },
    {
      error:
        'must be the https:// address people reach the bot at, such as https://compute-advice.example.com (no query, no credentials; plain http:// only to 127.0.0.1, ::1 or localhost)',
    },
  )
  .optional()
  .or(z.literal('').transform(() => undefined));

/** Whole hours in a range, with the range in the one line a bad value gets. */
const wholeHours = (min: number, max: number, fallback: number) =>
  wholeNumberIn(min, max, `must be a whole number of hours from ${min} to ${max}`).default(fallback);

/** "a, b,c" -> ['a', 'b', 'c']: a list in one variable, blanks dropped. */
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const number = (min: number, max: number, unit: string, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}` })
    .default(fallback);

/** Long enough that guessing one is hopeless (e.g. `openssl rand -hex 24` gives 48). */
export const API_TOKEN_MIN_LENGTH = 24;
const ADR_LINK_SECRET_MIN_LENGTH = 32;
const ADR_LINK_DAYS_RANGE = 'must be a whole number of days from 1 to 90';

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978),
  HOST: host.default('127.0.0.1'),
  /** Slack's HTTP receiver when Teams also listens (on PORT); otherwise Slack uses PORT. */
  SLACK_PORT: port.optional().or(z.literal('').transform(() => undefined)),
  ...databaseEnvFields,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines in local mode when stdout is a terminal, JSON lines otherwise (what log shippers read). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),

  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^xoxb-/.test(v), { error: 'must be a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || /^xapp-/.test(v), {
    error: 'must be an app-level token starting with xapp-',
  }),
  SLACK_API_URL: slackApiUrl,
  /**
   * Comma-separated user ids allowed to change channel settings and digests besides workspace admins (Slack) and
   * team owners (Teams): Slack ids (U…), Teams ids (29:…) or Entra object ids.
   */
  ADMIN_USER_IDS: commaList,

  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MicrosoftAppTenantId: optionalText,

  /** Comma-separated organisation lens files (docs/LENSES.md), applied in this order over the built-in rules. */
  LENS_PATHS: commaList,

  /** Comma-separated bearer tokens for the read API under /api/v1/; none: the API is off. Never echoed in errors. */
  API_TOKENS: commaList.pipe(
    z.array(z.string().min(API_TOKEN_MIN_LENGTH, { error: `each token must be at least ${API_TOKEN_MIN_LENGTH} characters` })),
  ),

  REMINDER_AFTER_HOURS: number(1, 24 * 90, 'hours', 24),
  /** A sign-off still pending this long after it was asked for gets one reminder in the review's thread. */
  SIGNOFF_REMINDER_HOURS: wholeHours(1, 24 * 90, 24),

  /** The address people reach the bot's HTTP server at: ADR links point there. Unset: no links, and the bot says so. */
  PUBLIC_URL: publicUrl,
  /** Signs ADR links; unset: derived from SLACK_SIGNING_SECRET or MicrosoftAppPassword. */
  ADR_LINK_SECRET: optionalText.refine((v) => v === undefined || v.length >= ADR_LINK_SECRET_MIN_LENGTH, {
    error: `must be at least ${ADR_LINK_SECRET_MIN_LENGTH} characters (e.g. openssl rand -hex 32)`,
  }),
  /** How long an ADR link works. */
  ADR_LINK_DAYS: z.coerce
    .number({ error: ADR_LINK_DAYS_RANGE })
    .int({ error: ADR_LINK_DAYS_RANGE })
    .min(1, { error: ADR_LINK_DAYS_RANGE })
    .max(90, { error: ADR_LINK_DAYS_RANGE })
    .default(7),
  EXPIRE_AFTER_DAYS: number(1, 365, 'days', 7),
});

export type Env = z.infer<typeof EnvSchema>;

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}
export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
}

export interface AppConfig {
  env: Env;
  /** Present when SLACK_BOT_TOKEN is set. */
  slack?: SlackConfig;
  /** Present when MicrosoftAppId is set; otherwise Teams runs with auth off (local mode / Emulator). */
  teams?: TeamsConfig;
  /** No chat credentials at all: the local playground. */
  localMode: boolean;
}

/** What the unauthenticated local mode needs: a loopback HOST, and not production. */
function localModeProblem(env: Env): string | undefined {
  if (env.NODE_ENV !== 'production' && isLoopbackHost(env.HOST)) return undefined;
  const why = env.NODE_ENV === 'production' ? 'NODE_ENV is production' : `HOST ${env.HOST} is not a loopback address`;
  return (
    `No chat credentials, and ${why}: set SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) or MicrosoftAppId ` +
    '(with MicrosoftAppPassword). The unauthenticated local mode runs only on 127.0.0.1, ::1 or localhost, outside production.'
  );
}

/**
 * Validates the environment once at start; fails fast naming each bad variable. `server`: the process will listen,
 * so without chat credentials it may only start the local mode where that is safe (see localModeProblem).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, options: { server?: boolean } = {}): AppConfig {
  const parsed = EnvSchema.safeParse(source, { reportInput: true });
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error));
  const env = parsed.data;
  const problems: string[] = [];
  let slack: SlackConfig | undefined;
  if (env.SLACK_BOT_TOKEN) {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      problems.push('SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    }
    slack = { botToken: env.SLACK_BOT_TOKEN };
    if (env.SLACK_SIGNING_SECRET) slack.signingSecret = env.SLACK_SIGNING_SECRET;
    if (env.SLACK_APP_TOKEN) slack.appToken = env.SLACK_APP_TOKEN;
    if (env.SLACK_API_URL) slack.apiUrl = env.SLACK_API_URL;
  } else if (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set');
  }
  let teams: TeamsConfig | undefined;
  if (env.MicrosoftAppId) {
    if (!env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set (unless MicrosoftAppType is UserAssignedMSI)');
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      problems.push('MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant');
    }
    teams = { appId: env.MicrosoftAppId };
    if (env.MicrosoftAppPassword) teams.appPassword = env.MicrosoftAppPassword;
    if (env.MicrosoftAppType) teams.appType = env.MicrosoftAppType;
    if (env.MicrosoftAppTenantId) teams.tenantId = env.MicrosoftAppTenantId;
  }
  if (env.REMINDER_AFTER_HOURS >= env.EXPIRE_AFTER_DAYS * 24) {
    problems.push('REMINDER_AFTER_HOURS: must be shorter than EXPIRE_AFTER_DAYS (a reminder after the review expired never goes out)');
  }
  const localMode = !slack && !teams;
  if (options.server && localMode && problems.length === 0) {
    const problem = localModeProblem(env);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { env, ...(slack ? { slack } : {}), ...(teams ? { teams } : {}), localMode };
}

/** DATABASE_URL selects PostgreSQL; otherwise the embedded SQLite file at DATABASE_PATH. */
export function databaseTarget(env: Env): DatabaseTarget {
  if (env.DATABASE_URL) {
    return {
      engine: 'postgres',
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    };
  }
  return { engine: 'sqlite', path: env.DATABASE_PATH };
}

import { z } from 'zod';
import { formatIssues } from './core/format-issues.js';
import { ConfigError } from './errors.js';

const optionalText = z
  .string()
  .trim()
  .min(1)
  .optional()
  .or(z.literal('').transform(() => undefined));
const url = z
  .url({ error: 'must be a URL such as https://slack.com/api/' })
  .optional()
  .or(z.literal('').transform(() => undefined));
const positiveNumber = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).positive({ error: 'must be greater than 0' }).default(fallback);

/** Long enough that guessing one is hopeless (e.g. `openssl rand -hex 24` gives 48). */
export const API_TOKEN_MIN_LENGTH = 24;

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3978),
  HOST: z.string().default('127.0.0.1'),
  /** Slack's HTTP receiver when Teams also listens (on PORT); otherwise Slack uses PORT. */
  SLACK_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).optional(),
  DATABASE_PATH: z.string().min(1).default('./data/compute-advice.db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines in local mode when stdout is a terminal, JSON lines otherwise (what log shippers read). */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),

  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^xoxb-/.test(v), { error: 'must be a bot token starting with xoxb-' }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || /^xapp-/.test(v), {
    error: 'must be an app-level token starting with xapp-',
  }),
  SLACK_API_URL: url,
  /** Comma-separated Slack user ids allowed to change channel settings besides workspace admins. */
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),

  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MicrosoftAppTenantId: optionalText,

  /** Comma-separated bearer tokens for the read API under /api/v1/; none: the API is off. Never echoed in errors. */
  API_TOKENS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(API_TOKEN_MIN_LENGTH, { error: `each token must be at least ${API_TOKEN_MIN_LENGTH} characters` }))),

  REMINDER_AFTER_HOURS: positiveNumber(24),
  EXPIRE_AFTER_DAYS: positiveNumber(7),
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

/** Validates the environment once at start; fails fast naming each bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
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
  if (problems.length > 0) throw new ConfigError(problems);
  return { env, ...(slack ? { slack } : {}), ...(teams ? { teams } : {}), localMode: !slack && !teams };
}

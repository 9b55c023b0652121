import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS, POSTGRES_PROTOCOLS } from './storage/database-target.js';

/**
 * The database variables, each checked so that a bad value is one line naming the variable and what is allowed. The
 * URL's TLS settings are checked here too: node-postgres would otherwise take an unknown sslmode silently and report a
 * missing certificate file only on the first connection, as a connection failure.
 */

const URL_EXAMPLE = 'postgres://user:password@host:5432/compute_advice';

/** node-postgres's sslmode values (libpq's, plus no-verify: TLS without checking the certificate). */
const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;
const SSL_FLAGS = ['true', '1', '0'] as const;
const SSL_FILES = ['sslrootcert', 'sslcert', 'sslkey'] as const;

/** The URL, or why it is not a PostgreSQL URL; never echoes the URL itself (it may hold a password). */
function parsePostgresUrl(value: string): URL | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a PostgreSQL URL such as ${URL_EXAMPLE}`;
  }
  if (!(POSTGRES_PROTOCOLS as readonly string[]).includes(url.protocol) || url.hostname === '') {
    return `must be a PostgreSQL URL such as ${URL_EXAMPLE}`;
  }
  return url;
}

/** What is wrong with the URL's TLS settings, one line each. */
function tlsProblems(url: URL): string[] {
  const problems: string[] = [];
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !(SSL_MODES as readonly string[]).includes(sslmode)) {
    problems.push(`sslmode=${JSON.stringify(sslmode.slice(0, 20))} is not a TLS mode; allowed: ${SSL_MODES.join(', ')}`);
  }
  const ssl = url.searchParams.get('ssl');
  if (ssl !== null && !(SSL_FLAGS as readonly string[]).includes(ssl)) {
    problems.push(`ssl=${JSON.stringify(ssl.slice(0, 20))} is not allowed; allowed: ${SSL_FLAGS.join(', ')} (or set sslmode)`);
  }
  for (const name of SSL_FILES) {
    const file = url.searchParams.get(name);
    if (file === null) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problems.push(
        `${name}=${file} cannot be read (${typeof code === 'string' ? code : 'unreadable'}); it must name a PEM file this process can read`,
      );
    }
  }
  return problems;
}

const databaseUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .superRefine((value, ctx) => {
    if (value === undefined) return;
    const url = parsePostgresUrl(value);
    if (typeof url === 'string') {
      ctx.addIssue({ code: 'custom', message: url });
      return;
    }
    for (const problem of tlsProblems(url)) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Decimal digits only, from min to max, else `message`: `DATABASE_POOL_SIZE=` or `=1e1` is a mistake, not 0 or 10. */
export function wholeNumberIn(min: number, max: number, message: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: message });
}

/** A whole number within `allowed`; unset means the default. */
function wholeNumber(min: number, max: number, allowed: string, fallback: number) {
  return wholeNumberIn(min, max, `must be a whole number from ${allowed} (default ${fallback})`).default(fallback);
}

/** PostgreSQL keeps statement_timeout in a 32-bit integer of milliseconds. */
const MAX_STATEMENT_TIMEOUT_MS = 2_147_483_647;

export const databaseEnvFields = {
  DATABASE_PATH: z
    .string()
    .refine((v) => v.trim() !== '', { error: 'must be a file path such as ./data/compute-advice.db (unset: that default)' })
    .default('./data/compute-advice.db'),
  /** postgres://user:password@host:5432/db?sslmode=verify-full: PostgreSQL, shared by several instances. */
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_SIZE: wholeNumber(1, 100, '1 to 100 connections per instance', DEFAULT_POOL_SIZE),
  DATABASE_STATEMENT_TIMEOUT_MS: wholeNumber(
    0,
    MAX_STATEMENT_TIMEOUT_MS,
    `0 (no limit) to ${MAX_STATEMENT_TIMEOUT_MS} milliseconds`,
    DEFAULT_STATEMENT_TIMEOUT_MS,
  ),
};

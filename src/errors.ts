/**
 * Every error compute-advice raises on purpose, each with a stable code (as bolt-js does in its errors.ts). The ones a
 * person fixes (configuration, shipped content, migrations, CLI input) are printed as short lines without a stack
 * trace: see userFacingLines.
 */

export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  ContentInvalid: 'content_invalid',
  MigrationChanged: 'migration_changed',
  MigrationMissing: 'migration_missing',
  MigrationOutOfOrder: 'migration_out_of_order',
  MigrationFailed: 'migration_failed',
  MigrationBadName: 'migration_bad_name',
  MigrationDuplicate: 'migration_duplicate',
  DatabaseUnreachable: 'database_unreachable',
  UserInput: 'user_error',
  ProactiveNoTarget: 'proactive_no_target',
  DatabaseUnusable: 'database_unusable',
  StorageFailed: 'storage_failed',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export type MigrationErrorCode = Extract<ErrorCode, `migration_${string}`>;

export interface CodedError extends Error {
  code: ErrorCode;
}

/** The environment does not configure a runnable app: one line per bad variable. */
export class ConfigError extends Error implements CodedError {
  readonly code = ErrorCode.ConfigInvalid;
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Shipped or user-supplied content (rules, prices, prompts, a profile) failed to load or validate. `problems` are
 * lines as the loader wrote them; the message prefixes each with the source unless it already names it.
 */
export class ContentError extends Error implements CodedError {
  readonly code = ErrorCode.ContentInvalid;
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(problems.map((p) => (p.startsWith(source) ? p : `${source}: ${p}`)).join('\n'));
    this.name = 'ContentError';
  }
}

/** Stops start-up: the database and the migrations folder disagree, or a migration failed (and was rolled back). */
export class MigrationError extends Error implements CodedError {
  override readonly name = 'MigrationError';
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The database cannot be opened or the server cannot be reached: one line naming where and why. */
export class DatabaseUnreachableError extends Error implements CodedError {
  readonly code = ErrorCode.DatabaseUnreachable;
  constructor(where: string, cause: unknown) {
    super(`cannot reach the database at ${where}: ${reasonOf(cause)}`, { cause });
    this.name = 'DatabaseUnreachableError';
  }
}

function reasonOf(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) return reasonOf(cause.errors[0]);
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as { code?: unknown } | null)?.code;
  const text = message.split('\n')[0]?.trim() || (typeof code === 'string' ? code : 'unknown error');
  return typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
}

/** The database file cannot be opened or fails its integrity check at start: one line naming DATABASE_PATH. */
export class DatabaseError extends Error implements CodedError {
  readonly code = ErrorCode.DatabaseUnusable;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

/** Why a write could not be stored: the disk is full, the file is read-only, an I/O error, or the file is damaged. */
export type StorageFailure = 'full' | 'readonly' | 'io' | 'corrupt';

/**
 * A use case could not store what it was asked to (nothing of it was written: its transaction rolled back). The
 * conversation tells the person; the health check reports it until a write succeeds again.
 */
export class StorageError extends Error implements CodedError {
  readonly code = ErrorCode.StorageFailed;
  constructor(
    readonly failure: StorageFailure,
    options?: { cause?: unknown },
  ) {
    super(`the database could not store the change (${failure})`, options);
    this.name = 'StorageError';
  }
}

/** A mistake on the command line the user can fix. */
export class UserError extends Error implements CodedError {
  readonly code = ErrorCode.UserInput;
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'UserError';
  }
}

/** A message for later (a digest, a reminder) has nowhere to go: no thread, or no stored Teams conversation reference. */
export class ProactiveTargetError extends Error implements CodedError {
  readonly code = ErrorCode.ProactiveNoTarget;
  constructor(message: string) {
    super(message);
    this.name = 'ProactiveTargetError';
  }
}

/**
 * The lines to print for an error a person fixes (bad configuration, broken rules or prompts, a migration problem,
 * bad CLI input); undefined for anything else, which is a bug and keeps its stack trace.
 */
export function userFacingLines(error: unknown): string[] | undefined {
  if (error instanceof UserError) return error.lines;
  if (error instanceof ConfigError) return [...error.problems];
  if (
    error instanceof ContentError ||
    error instanceof MigrationError ||
    error instanceof DatabaseError ||
    error instanceof DatabaseUnreachableError
  ) {
    return error.message.split('\n').filter((line) => line.trim() !== '');
  }
  return undefined;
}

/** Where the data lives: the embedded SQLite file (the default) or a PostgreSQL server shared by several instances. */
export type DatabaseTarget = SqliteTarget | PostgresTarget;

export interface SqliteTarget {
  engine: 'sqlite';
  /** A file path, or ':memory:'. */
  path: string;
}

export interface PostgresTarget {
  engine: 'postgres';
  /** postgres:// or postgresql:// with user, password, host, port, database and TLS (sslmode, sslrootcert...). */
  url: string;
  /** Connections per instance. */
  poolSize: number;
  /** A statement running longer is cancelled by the server. */
  statementTimeoutMs: number;
}

export const POSTGRES_PROTOCOLS = ['postgres:', 'postgresql:'] as const;

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

/** The target with the password left out, for logs and messages. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return target.path;
  try {
    const url = new URL(target.url);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return 'the PostgreSQL URL';
  }
}

/** A CLI argument such as sqlite:./data/x.db, a bare path, or postgres://... */
export function parseTargetArgument(value: string): DatabaseTarget {
  if (POSTGRES_PROTOCOLS.some((p) => value.startsWith(`${p}//`))) {
    return { engine: 'postgres', url: value, poolSize: 4, statementTimeoutMs: 0 };
  }
  return { engine: 'sqlite', path: value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value };
}

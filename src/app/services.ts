import type Database from 'better-sqlite3';
import { loadLensedContent } from '../content/load-lenses.js';
import type { InterviewScript } from '../core/interview/question.js';
import type { DecisionContent } from '../core/recommend.js';
import { DatabaseError, type StorageFailure } from '../errors.js';
import { createStore, defaultMigrationsDir, openDatabase, quickCheckProblems, runMigrations, type Store } from '../storage/index.js';
import { systemClock, type Clock } from './clock.js';
import { ChannelService } from './channel-service.js';
import { DigestService } from './digest-service.js';
import { InboxService } from './inbox-service.js';
import { ReviewService } from './review-service.js';

export interface Services {
  /** The database and its one Store: for the composition root, the CLI's read-only commands and tests. */
  db: Database.Database;
  store: Store;
  content: DecisionContent;
  script: InterviewScript;
  reviews: ReviewService;
  channels: ChannelService;
  digests: DigestService;
  inbox: InboxService;
  clock: Clock;
  /** Whether the database takes writes now (for health checks). */
  health(): { ok: boolean; storage: 'ok' | StorageFailure };
  close(): void;
}

/** What chat adapters and the conversation get: the use cases only, never the store or a transaction. */
export type AppServices = Pick<Services, 'reviews' | 'channels' | 'digests' | 'inbox' | 'clock' | 'health'>;

/** The reason a file system or SQLite error gives, without a stack: "SQLITE_CANTOPEN: unable to open database file". */
function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message.replace(/\s+/g, ' ').trim() : String(error);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/**
 * Opens the database and checks it before anything is served: a path that cannot be opened, or a file that fails
 * `PRAGMA quick_check`, stops start-up with one line naming DATABASE_PATH (a damaged file would otherwise start and
 * then fail every request).
 */
function openCheckedDatabase(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = openDatabase(file);
  } catch (error) {
    throw new DatabaseError(`DATABASE_PATH ${file}: cannot open it (${reasonOf(error)})`, { cause: error });
  }
  let problems: string[];
  try {
    problems = quickCheckProblems(db);
  } catch (error) {
    problems = [reasonOf(error)];
  }
  if (problems.length > 0) {
    db.close();
    throw new DatabaseError(
      `DATABASE_PATH ${file}: the database is damaged (quick_check: ${problems.join('; ').replace(/\s+/g, ' ').slice(0, 300)}); ` +
        'restore it from a backup (compute-advice db backup makes one)',
    );
  }
  return db;
}

/** Opens, checks and migrates the database, loads rules and prompts (with the lenses at `lensPaths`), and wires the use cases. */
export function createServices(options: {
  databasePath: string;
  clock?: Clock;
  stalledAfterMs?: number;
  lensPaths?: readonly string[];
}): Services {
  // Before the database opens: a broken lens stops start-up with nothing to clean up.
  const { content, script } = loadLensedContent(options.lensPaths ?? []);
  const db = openCheckedDatabase(options.databasePath);
  try {
    runMigrations(db, defaultMigrationsDir());
  } catch (error) {
    db.close();
    throw error;
  }
  const store = createStore(db);
  const clock = options.clock ?? systemClock;
  return {
    db,
    store,
    content,
    script,
    clock,
    reviews: new ReviewService({ store, script, content, clock }),
    channels: new ChannelService({ store, clock }),
    digests: new DigestService({
      store,
      clock,
      ...(options.stalledAfterMs === undefined ? {} : { stalledAfterMs: options.stalledAfterMs }),
      lenses: content.lenses?.active ?? [],
    }),
    inbox: new InboxService({ store, clock }),
    health: () => {
      const { failure } = store.health();
      return { ok: failure === null, storage: failure ?? 'ok' };
    },
    close: () => db.close(),
  };
}

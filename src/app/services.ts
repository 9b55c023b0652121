import { loadLensedContent } from '../content/load-lenses.js';
import type { InterviewScript } from '../core/interview/question.js';
import type { DecisionContent } from '../core/recommend.js';
import type { StorageFailure } from '../errors.js';
import {
  connectDatabase,
  createStore,
  type DatabaseTarget,
  defaultMigrationsDir,
  runMigrations,
  type SqlDatabase,
  type Store,
} from '../storage/index.js';
import { systemClock, type Clock } from './clock.js';
import { ChannelService } from './channel-service.js';
import { DigestService } from './digest-service.js';
import { InboxService } from './inbox-service.js';
import { ReviewRecords } from './review-records.js';
import { ReviewService } from './review-service.js';
import { SignOffService } from './signoff-service.js';

export interface Services {
  /** The database and its one Store: for the composition root, the CLI's read-only commands and tests. */
  database: SqlDatabase;
  store: Store;
  content: DecisionContent;
  script: InterviewScript;
  reviews: ReviewService;
  /** Read-only: whole reviews as records (exports, the read API). */
  records: ReviewRecords;
  /** Named approvers and their approvals. */
  signOffs: SignOffService;
  channels: ChannelService;
  digests: DigestService;
  inbox: InboxService;
  clock: Clock;
  /** Whether the database takes writes now (for health checks). */
  health(): { ok: boolean; storage: 'ok' | StorageFailure };
  close(): Promise<void>;
}

/** What chat adapters and the conversation get: the use cases only, never the store or a transaction. */
export type AppServices = Pick<Services, 'reviews' | 'signOffs' | 'channels' | 'digests' | 'inbox' | 'clock' | 'health'>;

export interface ServicesOptions {
  /** The database to open: a SQLite file path (the embedded default) ... */
  databasePath?: string;
  /** ... or any target, e.g. PostgreSQL. One of the two is required. */
  database?: DatabaseTarget;
  clock?: Clock;
  stalledAfterMs?: number;
  lensPaths?: readonly string[];
}

/** Opens, checks and migrates the database, loads rules and prompts (with the lenses at `lensPaths`), and wires the use cases. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  // Before the database opens: a broken lens stops start-up with nothing to clean up.
  const { content, script } = loadLensedContent(options.lensPaths ?? []);
  const target: DatabaseTarget | undefined =
    options.database ?? (options.databasePath === undefined ? undefined : { engine: 'sqlite', path: options.databasePath });
  if (!target) throw new TypeError('createServices needs databasePath or database');
  const db = await connectDatabase(target);
  try {
    await runMigrations(db, defaultMigrationsDir());
  } catch (error) {
    await db.close();
    throw error;
  }
  const store = createStore(db);
  const clock = options.clock ?? systemClock;
  const signOffs = new SignOffService({ store, clock });
  return {
    database: db,
    store,
    content,
    script,
    clock,
    reviews: new ReviewService({ store, script, content, clock }),
    records: new ReviewRecords({ store, script, content, signOffs }),
    signOffs,
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

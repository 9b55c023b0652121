import { loadInterviewScript } from '../content/load-prompts.js';
import { loadDecisionContent } from '../content/load-rules.js';
import type { InterviewScript } from '../core/interview/question.js';
import type { DecisionContent } from '../core/recommend.js';
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
import { ReviewService } from './review-service.js';

export interface Services {
  /** The database and its one Store: for the composition root, the CLI's read-only commands and tests. */
  database: SqlDatabase;
  store: Store;
  content: DecisionContent;
  script: InterviewScript;
  reviews: ReviewService;
  channels: ChannelService;
  digests: DigestService;
  clock: Clock;
  close(): Promise<void>;
}

/** What chat adapters and the conversation get: the use cases only, never the store or a transaction. */
export type AppServices = Pick<Services, 'reviews' | 'channels' | 'digests' | 'clock'>;

export interface ServicesOptions {
  /** The database to open: a SQLite file path (the embedded default) ... */
  databasePath?: string;
  /** ... or any target, e.g. PostgreSQL. One of the two is required. */
  database?: DatabaseTarget;
  clock?: Clock;
  stalledAfterMs?: number;
}

/** Opens and migrates the database, loads rules and prompts, and wires the use cases. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  const content = loadDecisionContent();
  const script = loadInterviewScript();
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
  return {
    database: db,
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
    }),
    close: () => db.close(),
  };
}

import type Database from 'better-sqlite3';
import { loadLensedContent } from '../content/load-lenses.js';
import type { InterviewScript } from '../core/interview/question.js';
import type { DecisionContent } from '../core/recommend.js';
import type { StorageFailure } from '../errors.js';
import { createStore, defaultMigrationsDir, openCheckedDatabase, runMigrations, type Store } from '../storage/index.js';
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

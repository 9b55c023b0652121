import type Database from 'better-sqlite3';
import { loadInterviewScript } from '../content/load-prompts.js';
import { loadDecisionContent } from '../content/load-rules.js';
import type { InterviewScript } from '../core/interview/question.js';
import type { DecisionContent } from '../core/recommend.js';
import { createStore, defaultMigrationsDir, openDatabase, runMigrations, type Store } from '../storage/index.js';
import { systemClock, type Clock } from './clock.js';
import { ChannelService } from './channel-service.js';
import { DigestService } from './digest-service.js';
import { ReviewRecords } from './review-records.js';
import { ReviewService } from './review-service.js';
import { SignOffService } from './signoff-service.js';

export interface Services {
  /** The database and its one Store: for the composition root, the CLI's read-only commands and tests. */
  db: Database.Database;
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
  clock: Clock;
  close(): void;
}

/** What chat adapters and the conversation get: the use cases only, never the store or a transaction. */
export type AppServices = Pick<Services, 'reviews' | 'channels' | 'digests' | 'clock'>;

/** Opens and migrates the database, loads rules and prompts, and wires the use cases. */
export function createServices(options: { databasePath: string; clock?: Clock; stalledAfterMs?: number }): Services {
  const content = loadDecisionContent();
  const script = loadInterviewScript();
  const db = openDatabase(options.databasePath);
  try {
    runMigrations(db, defaultMigrationsDir());
  } catch (error) {
    db.close();
    throw error;
  }
  const store = createStore(db);
  const clock = options.clock ?? systemClock;
  const signOffs = new SignOffService({ store, clock });
  return {
    db,
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
    }),
    close: () => db.close(),
  };
}

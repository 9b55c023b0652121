import type Database from 'better-sqlite3';
import { loadInterviewScript } from '../content/load-prompts.js';
import { loadDecisionContent } from '../content/load-rules.js';
import type { InterviewScript } from '../core/interview/question.js';
import type { DecisionContent } from '../core/recommend.js';
import { createStore, defaultMigrationsDir, openDatabase, runMigrations, type Store } from '../storage/index.js';
import { systemClock, type Clock } from './clock.js';
import { ReviewService } from './review-service.js';

export interface Services {
  db: Database.Database;
  store: Store;
  content: DecisionContent;
  script: InterviewScript;
  reviews: ReviewService;
  clock: Clock;
  close(): void;
}

/** Opens and migrates the database, loads rules and prompts, and wires the review use cases. */
export function createServices(options: { databasePath: string; clock?: Clock }): Services {
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
  return {
    db,
    store,
    content,
    script,
    clock,
    reviews: new ReviewService({ store, script, content, clock }),
    close: () => db.close(),
  };
}

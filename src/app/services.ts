import { randomBytes } from 'node:crypto';
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
import { AdrExports, DEFAULT_ADR_LINK_DAYS } from './adr-exports.js';
import { AdrLinkSigner } from './adr-link-signer.js';
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
  /** Records handed out of the chat: signed, expiring links and files. */
  adrExports: AdrExports;
  channels: ChannelService;
  digests: DigestService;
  inbox: InboxService;
  clock: Clock;
  /** Whether the database takes writes now (for health checks). */
  health(): { ok: boolean; storage: 'ok' | StorageFailure };
  close(): Promise<void>;
}

/** What chat adapters and the conversation get: the use cases only, never the store or a transaction. */
export type AppServices = Pick<Services, 'reviews' | 'signOffs' | 'channels' | 'digests' | 'inbox' | 'clock' | 'health' | 'adrExports'>;

export interface ServicesOptions {
  /** The database to open: a SQLite file path (the embedded default) ... */
  databasePath?: string;
  /** ... or any target, e.g. PostgreSQL. One of the two is required. */
  database?: DatabaseTarget;
  clock?: Clock;
  stalledAfterMs?: number;
  lensPaths?: readonly string[];
  /** How ADR links are signed and where they point (default: a random key for this process, no public address). */
  adrLinks?: AdrLinkOptions;
}

export interface AdrLinkOptions {
  secret: Buffer;
  /** How long a link works (default DEFAULT_ADR_LINK_DAYS). */
  ttlMs?: number;
  /** The bot's public base URL; asked each time, since a server on port 0 learns its address only once listening. */
  publicUrl?: () => string | undefined;
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
  const records = new ReviewRecords({ store, script, content, signOffs });
  const adrExports = new AdrExports({
    records,
    clock,
    signer: new AdrLinkSigner(options.adrLinks?.secret ?? randomBytes(32)),
    linkTtlMs: options.adrLinks?.ttlMs ?? DEFAULT_ADR_LINK_DAYS * 86_400_000,
    publicUrl: options.adrLinks?.publicUrl ?? (() => undefined),
  });
  return {
    database: db,
    store,
    content,
    script,
    clock,
    reviews: new ReviewService({ store, script, content, clock }),
    records,
    signOffs,
    adrExports,
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

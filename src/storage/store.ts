import { AnswerRepository } from './answer-repository.js';
import { ChannelSettingsRepository } from './channel-settings-repository.js';
import { DecisionRepository } from './decision-repository.js';
import { DigestRunRepository, DigestStatsRepository, DigestSubscriptionRepository } from './digest-repository.js';
import { StorageError, type StorageFailure } from '../errors.js';
import { EventDedupeRepository } from './event-dedupe-repository.js';
import { InboxRepository } from './inbox-repository.js';
import { MessageRepository } from './message-repository.js';
import { ParticipantRepository } from './participant-repository.js';
import { RecommendationRepository } from './recommendation-repository.js';
import { ReminderRepository } from './reminder-repository.js';
import { ReviewRepository } from './review-repository.js';
import type { SqlDatabase, TransactionOptions } from './sql-database.js';
import { SignOffDigestRepository } from './signoff-digest-repository.js';
import { SignOffReminderRepository } from './signoff-reminder-repository.js';
import { SignOffRepository } from './signoff-repository.js';

export interface Store {
  database: SqlDatabase;
  reviews: ReviewRepository;
  answers: AnswerRepository;
  participants: ParticipantRepository;
  recommendations: RecommendationRepository;
  decisions: DecisionRepository;
  messages: MessageRepository;
  events: EventDedupeRepository;
  channels: ChannelSettingsRepository;
  subscriptions: DigestSubscriptionRepository;
  runs: DigestRunRepository;
  stats: DigestStatsRepository;
  reminders: ReminderRepository;
  inbox: InboxRepository;
  signoffs: SignOffRepository;
  signoffReminders: SignOffReminderRepository;
  /** The weekly digest's sign-off section. */
  signoffStats: SignOffDigestRepository;
  /**
   * Runs fn in one transaction (joined when nested); a throw rolls everything in it back. On PostgreSQL fn may run
   * again after a serialisation failure, so it only reads and writes the database. A write the disk, the file or the
   * server refuses (full, read-only, I/O error, damaged) throws StorageError and is remembered in `health` until a
   * later transaction succeeds.
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** The last write failure, if writes are failing now. */
  health(): StorageHealth;
}

export interface StorageHealth {
  failure: StorageFailure | null;
  /** When writes started failing (epoch ms). */
  since: number | null;
}

/** The error codes that mean the disk, the file or the server, not the statement, is at fault. */
function failureOf(error: unknown): StorageFailure | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  // SQLite's primary result codes
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  // PostgreSQL's SQLSTATEs: disk full, read-only (a standby), I/O error, corrupted data; a lost server or connection
  if (code === '53100') return 'full';
  if (code === '25006') return 'readonly';
  if (code === '58030' || code.startsWith('08') || code === '57P01' || code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'io';
  if (code === 'XX001' || code === 'XX002') return 'corrupt';
  return undefined;
}

/** All repositories over one migrated database: the only store the app builds. */
export function createStore(db: SqlDatabase): Store {
  let health: StorageHealth = { failure: null, since: null };
  return {
    database: db,
    reviews: new ReviewRepository(db),
    answers: new AnswerRepository(db),
    participants: new ParticipantRepository(db),
    recommendations: new RecommendationRepository(db),
    decisions: new DecisionRepository(db),
    messages: new MessageRepository(db),
    events: new EventDedupeRepository(db),
    channels: new ChannelSettingsRepository(db),
    subscriptions: new DigestSubscriptionRepository(db),
    runs: new DigestRunRepository(db),
    stats: new DigestStatsRepository(db),
    reminders: new ReminderRepository(db),
    inbox: new InboxRepository(db),
    signoffs: new SignOffRepository(db),
    signoffReminders: new SignOffReminderRepository(db),
    signoffStats: new SignOffDigestRepository(db),
    transaction: async <T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> => {
      if (db.inTransaction) return fn();
      try {
        const result = await db.transaction(fn, options);
        if (health.failure) health = { failure: null, since: null };
        return result;
      } catch (error) {
        const failure = failureOf(error);
        if (!failure) throw error;
        if (health.failure !== failure) health = { failure, since: Date.now() };
        throw new StorageError(failure, { cause: error });
      }
    },
    health: () => health,
  };
}

import type Database from 'better-sqlite3';
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
import { SignOffRepository } from './signoff-repository.js';

export interface Store {
  db: Database.Database;
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
  /**
   * Runs fn in one transaction (a savepoint when nested); a throw rolls everything in it back. A write the disk or the
   * file refuses (full, read-only, I/O error, damaged) throws StorageError and is remembered in `health` until a
   * later transaction writes again.
   */
  transaction<T>(fn: () => T): T;
  /** The last write failure, if writes are failing now. */
  health(): StorageHealth;
}

export interface StorageHealth {
  failure: StorageFailure | null;
  /** When writes started failing (epoch ms). */
  since: number | null;
}

/** SQLite's primary result codes that mean the disk or the file, not the statement, is at fault. */
function failureOf(error: unknown): StorageFailure | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  return undefined;
}

/** All repositories over one migrated database: the only store the app builds. */
export function createStore(db: Database.Database): Store {
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  let health: StorageHealth = { failure: null, since: null };
  return {
    db,
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
    // IMMEDIATE: take the write lock up front, so busy_timeout applies; a deferred transaction that reads first
    // cannot wait to upgrade and fails at once while another connection writes.
    transaction: <T>(fn: () => T): T => {
      if (db.inTransaction) return db.transaction(fn)();
      const before = totalChanges.get() as number;
      try {
        const result = db.transaction(fn).immediate();
        if (health.failure && (totalChanges.get() as number) > before) health = { failure: null, since: null };
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

import type Database from 'better-sqlite3';
import { AnswerRepository } from './answer-repository.js';
import { ChannelSettingsRepository } from './channel-settings-repository.js';
import { DecisionRepository } from './decision-repository.js';
import { DigestRunRepository, DigestStatsRepository, DigestSubscriptionRepository } from './digest-repository.js';
import { EventDedupeRepository } from './event-dedupe-repository.js';
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
  signoffs: SignOffRepository;
  /** Runs fn in one transaction (a savepoint when nested); a throw rolls everything in it back. */
  transaction<T>(fn: () => T): T;
}

/** All repositories over one migrated database: the only store the app builds. */
export function createStore(db: Database.Database): Store {
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
    signoffs: new SignOffRepository(db),
    // IMMEDIATE: take the write lock up front, so busy_timeout applies; a deferred transaction that reads first
    // cannot wait to upgrade and fails at once while another connection writes.
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}

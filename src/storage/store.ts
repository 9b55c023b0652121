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
import type { SqlDatabase } from './sql-database.js';

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
  /**
   * Runs fn in one transaction (joined when nested); a throw rolls everything in it back. On PostgreSQL fn may run
   * again after a serialisation failure, so it only reads and writes the database.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

/** All repositories over one migrated database: the only store the app builds. */
export function createStore(db: SqlDatabase): Store {
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
    transaction: <T>(fn: () => Promise<T>): Promise<T> => db.transaction(fn),
  };
}

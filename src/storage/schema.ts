import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as both engines hold them. Timestamps are epoch milliseconds (BIGINT on PostgreSQL, read back as
 * numbers), flags are 0/1 integers and JSON is text on both, so one query serves both dialects.
 */
export interface Schema {
  schema_migrations: SchemaMigrationsTable;
  reviews: ReviewsTable;
  answers: AnswersTable;
  answer_history: AnswerHistoryTable;
  participants: ParticipantsTable;
  recommendations: RecommendationsTable;
  decisions: DecisionsTable;
  review_messages: ReviewMessagesTable;
  processed_events: ProcessedEventsTable;
  channel_settings: ChannelSettingsTable;
  design_review_offers: DesignReviewOffersTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digest_runs: DigestRunsTable;
  review_nudges: ReviewNudgesTable;
  inbox: InboxTable;
  signoff_requests: SignoffRequestsTable;
  signoff_actions: SignoffActionsTable;
}

/** Tables in an order that satisfies their foreign keys (parents first), for copying a database. */
export const TABLES_IN_ORDER = [
  'reviews',
  'answers',
  'answer_history',
  'participants',
  'recommendations',
  'decisions',
  'review_messages',
  'processed_events',
  'channel_settings',
  'design_review_offers',
  'digest_subscriptions',
  'digest_runs',
  'review_nudges',
  'inbox',
  'signoff_requests',
  'signoff_actions',
] as const satisfies ReadonlyArray<keyof Schema>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: string;
}

export interface ReviewsTable {
  id: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  thread_ref: string | null;
  conversation_ref: string | null;
  audience: ColumnType<string | null, string | null | undefined, string | null>;
  requester_id: string;
  workload_name: string;
  status: ColumnType<string, string | undefined, string>;
  reopened_question_id: ColumnType<string | null, string | null | undefined, string | null>;
  reopened_by: ColumnType<string | null, string | null | undefined, string | null>;
  revisit: ColumnType<string, string | undefined, string>;
  created_at: number;
  updated_at: number;
  completed_at: ColumnType<number | null, number | null | undefined, number | null>;
  last_activity_at: number;
}

export interface AnswersTable {
  review_id: string;
  question_id: string;
  value_json: string;
  answered_by: string;
  answered_at: number;
}

export interface AnswerHistoryTable {
  id: Generated<number>;
  review_id: string;
  question_id: string;
  value_json: string | null;
  previous_value_json: string | null;
  action: string;
  actor: string;
  at: number;
}

export interface ParticipantsTable {
  review_id: string;
  user_id: string;
  role: string;
  added_by: string;
  added_at: number;
}

export interface RecommendationsTable {
  id: Generated<number>;
  review_id: string;
  rules_version: string;
  recommended: string;
  result_json: string;
  created_at: number;
}

export interface DecisionsTable {
  id: Generated<number>;
  review_id: string;
  chosen_model: string;
  against_advice: number;
  decided_by: string;
  note: string | null;
  created_at: number;
}

export interface ReviewMessagesTable {
  review_id: string;
  kind: string;
  question_id: ColumnType<string, string | undefined, string>;
  message_ref: string;
  created_at: number;
}

export interface ProcessedEventsTable {
  event_key: string;
  platform: string;
  processed_at: number;
}

export interface ChannelSettingsTable {
  platform: string;
  workspace_id: string;
  channel_id: string;
  design_review: ColumnType<number, number | undefined, number>;
  keywords_json: string | null;
  updated_by: string;
  updated_at: number;
}

export interface DesignReviewOffersTable {
  platform: string;
  channel_id: string;
  message_ref: string;
  offered_at: number;
}

export interface DigestSubscriptionsTable {
  platform: string;
  workspace_id: string;
  channel_id: string;
  weekday: number;
  time: string;
  time_zone: string;
  scope: ColumnType<string, string | undefined, string>;
  conversation_ref: string | null;
  audience: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

export interface DigestRunsTable {
  platform: string;
  workspace_id: string;
  channel_id: string;
  week_key: string;
  scheduled_at: number;
  claimed_by: string;
  claimed_at: number;
  attempts: ColumnType<number, number | undefined, number>;
  posted_at: ColumnType<number | null, number | null | undefined, number | null>;
  failed_at: ColumnType<number | null, number | null | undefined, number | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReviewNudgesTable {
  review_id: string;
  idle_since: number;
  claimed_by: string;
  nudged_at: number;
  posted_at: ColumnType<number | null, number | null | undefined, number | null>;
  failed_at: ColumnType<number | null, number | null | undefined, number | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InboxTable {
  id: Generated<number>;
  platform: string;
  body_json: string;
  received_at: number;
  owner: string | null;
  lease_until: number;
  not_before: ColumnType<number, number | undefined, number>;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface SignoffRequestsTable {
  review_id: string;
  approver_id: string;
  requested_by: string;
  requested_at: number;
  /** When the approver was reminded (they had not acted by then); null until then. */
  reminded_at: ColumnType<number | null, number | null | undefined, number | null>;
  reminded_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** The display names they were mentioned by (Teams); null where the platform shows people by id (Slack). */
  approver_name: ColumnType<string | null, string | null | undefined, string | null>;
  requested_by_name: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SignoffActionsTable {
  id: Generated<number>;
  review_id: string;
  approver_id: string;
  action: string;
  note: string | null;
  recommendation_id: number;
  at: number;
}

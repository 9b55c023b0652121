-- 0001_init: the first schema. Append-only: never edit this file once landed; add 0002_... instead.
-- STRICT tables (SQLite >= 3.37). Timestamps are epoch milliseconds (INTEGER). JSON columns are checked with json_valid.

CREATE TABLE reviews (
  id TEXT PRIMARY KEY NOT NULL,
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  workspace_id TEXT NOT NULL,              -- Slack team id, Teams tenant id, '' for the CLI
  channel_id TEXT NOT NULL,
  thread_ref TEXT,                         -- Slack thread_ts, or Teams conversation id incl. ;messageid=
  conversation_ref TEXT CHECK (conversation_ref IS NULL OR json_valid(conversation_ref)), -- Teams ConversationReference
  requester_id TEXT NOT NULL,
  workload_name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'in_progress'
    CHECK (status IN ('in_progress', 'completed', 'cancelled', 'expired')),
  reopened_question_id TEXT,               -- a question re-opened by back/change, answered next
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER,
  last_activity_at INTEGER NOT NULL
) STRICT;

CREATE INDEX reviews_by_thread ON reviews (platform, channel_id, thread_ref);
CREATE INDEX reviews_by_requester ON reviews (platform, workspace_id, requester_id, updated_at);
CREATE INDEX reviews_by_status_activity ON reviews (status, last_activity_at);
CREATE INDEX reviews_by_channel_completed ON reviews (platform, workspace_id, channel_id, completed_at);
CREATE INDEX reviews_by_created ON reviews (created_at);

-- The current answer per question. value_json 'null' means the question was skipped.
CREATE TABLE answers (
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  answered_by TEXT NOT NULL,
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, question_id)
) STRICT, WITHOUT ROWID;

-- Every change to an answer, with the value it replaced. value_json NULL means cleared.
CREATE TABLE answer_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  value_json TEXT CHECK (value_json IS NULL OR json_valid(value_json)),
  previous_value_json TEXT CHECK (previous_value_json IS NULL OR json_valid(previous_value_json)),
  action TEXT NOT NULL CHECK (action IN ('answer', 'change', 'skip', 'clear')),
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
) STRICT;

CREATE INDEX answer_history_by_review ON answer_history (review_id, id);

CREATE TABLE participants (
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('requester', 'participant')),
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX participants_by_user ON participants (user_id, review_id);

CREATE TABLE recommendations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  rules_version TEXT NOT NULL,
  recommended TEXT NOT NULL,
  result_json TEXT NOT NULL CHECK (json_valid(result_json)),
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX recommendations_by_review ON recommendations (review_id, id);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  chosen_model TEXT NOT NULL,
  against_advice INTEGER NOT NULL CHECK (against_advice IN (0, 1)),
  decided_by TEXT NOT NULL,
  note TEXT,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX decisions_by_review ON decisions (review_id, id);

-- Messages the bot posted for a review, so they can be updated in place (e.g. a question after its answer).
CREATE TABLE review_messages (
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('parent', 'question', 'card', 'notice')),
  question_id TEXT NOT NULL DEFAULT '',
  message_ref TEXT NOT NULL,               -- Slack ts, Teams activity id
  created_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, kind, question_id)
) STRICT, WITHOUT ROWID;

-- Inbound event dedupe (Slack event_id, Teams activity id).
CREATE TABLE processed_events (
  event_key TEXT PRIMARY KEY NOT NULL,
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  processed_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX processed_events_by_time ON processed_events (processed_at);

CREATE TABLE channel_settings (
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  design_review INTEGER NOT NULL DEFAULT 0 CHECK (design_review IN (0, 1)),
  keywords_json TEXT CHECK (keywords_json IS NULL OR json_valid(keywords_json)), -- NULL: default keywords
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
) STRICT, WITHOUT ROWID;

-- "Start compute review" offers, at most one per message.
CREATE TABLE design_review_offers (
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  channel_id TEXT NOT NULL,
  message_ref TEXT NOT NULL,
  offered_at INTEGER NOT NULL,
  PRIMARY KEY (platform, channel_id, message_ref)
) STRICT, WITHOUT ROWID;

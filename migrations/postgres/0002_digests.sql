-- 0002_digests for PostgreSQL: the same tables and indexes as ../0002_digests.sql (see the comments there).
-- Append-only: never edit once landed.

CREATE TABLE digest_subscriptions (
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  time TEXT NOT NULL CHECK (time ~ '^[0-2][0-9]:[0-5][0-9]$' AND time <= '23:59'),
  time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  scope TEXT NOT NULL DEFAULT 'channel' CHECK (scope IN ('channel', 'workspace')),
  conversation_ref TEXT CHECK (conversation_ref IS NULL OR conversation_ref::jsonb IS NOT NULL),
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
);

CREATE TABLE digest_runs (
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  week_key TEXT NOT NULL CHECK (week_key ~ '^[0-9]{4}-W[0-5][0-9]$'),
  scheduled_at BIGINT NOT NULL,
  claimed_by TEXT NOT NULL,
  claimed_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  posted_at BIGINT,
  failed_at BIGINT,
  last_error TEXT,
  PRIMARY KEY (platform, workspace_id, channel_id, week_key)
);

CREATE INDEX digest_runs_by_week ON digest_runs (week_key);
CREATE INDEX digest_runs_failed ON digest_runs (failed_at) WHERE posted_at IS NULL AND failed_at IS NOT NULL;

CREATE TABLE review_nudges (
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  idle_since BIGINT NOT NULL,
  claimed_by TEXT NOT NULL,
  nudged_at BIGINT NOT NULL,
  posted_at BIGINT,
  failed_at BIGINT,
  last_error TEXT,
  PRIMARY KEY (review_id, idle_since)
);

CREATE INDEX reviews_completed_cover ON reviews (platform, workspace_id, completed_at, channel_id, status, id)
  WHERE completed_at IS NOT NULL;
CREATE INDEX reviews_by_workspace_created ON reviews (platform, workspace_id, created_at, channel_id);
CREATE INDEX reviews_open_by_place ON reviews (platform, workspace_id, channel_id, last_activity_at)
  WHERE status = 'in_progress';
CREATE INDEX reviews_place_by_id ON reviews (id, platform, workspace_id, channel_id);
CREATE INDEX decisions_by_created ON decisions (created_at, review_id, against_advice);
CREATE INDEX recommendations_latest ON recommendations (review_id, id, recommended);

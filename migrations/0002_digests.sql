-- 0002_digests: weekly digest subscriptions and runs, stalled-interview nudges, and indexes for the digest queries.
-- Append-only like 0001: never edit once landed; add 0003_... instead. Timestamps are epoch milliseconds.

-- One weekly digest per channel. weekday 0 = Sunday ... 6 = Saturday (cron numbering); time is the local wall-clock
-- time 'HH:MM' in time_zone (an IANA name). updated_at is when the schedule last changed: it applies from then on.
CREATE TABLE digest_subscriptions (
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  time TEXT NOT NULL CHECK (length(time) = 5 AND time GLOB '[0-2][0-9]:[0-5][0-9]' AND time <= '23:59'),
  time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  scope TEXT NOT NULL DEFAULT 'channel' CHECK (scope IN ('channel', 'workspace')),
  conversation_ref TEXT CHECK (conversation_ref IS NULL OR json_valid(conversation_ref)), -- Teams, for proactive posts
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id)
) STRICT, WITHOUT ROWID;

-- One row per channel and ISO week (in the subscription's zone), inserted with INSERT OR IGNORE before posting:
-- whoever inserts it posts, so a digest goes out once across restarts and instances.
-- attempts: 1 for the first post; a failed post (failed_at set, posted_at NULL) is retried once, raising it to 2.
CREATE TABLE digest_runs (
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams', 'cli', 'local')),
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  week_key TEXT NOT NULL CHECK (length(week_key) = 8 AND week_key GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
  scheduled_at INTEGER NOT NULL,
  claimed_by TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  posted_at INTEGER,
  failed_at INTEGER,
  last_error TEXT,
  PRIMARY KEY (platform, workspace_id, channel_id, week_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX digest_runs_by_week ON digest_runs (week_key);
CREATE INDEX digest_runs_failed ON digest_runs (failed_at) WHERE posted_at IS NULL AND failed_at IS NOT NULL;

-- One nudge per idle spell of a review: idle_since is the review's last_activity_at when it was nudged, so a review
-- that wakes up and stalls again can be nudged again, but never twice for the same silence.
CREATE TABLE review_nudges (
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  idle_since INTEGER NOT NULL,
  claimed_by TEXT NOT NULL,
  nudged_at INTEGER NOT NULL,
  posted_at INTEGER,
  failed_at INTEGER,
  last_error TEXT,
  PRIMARY KEY (review_id, idle_since)
) STRICT, WITHOUT ROWID;

-- Digest queries (bench/digest-bench.ts: under 200 ms on 100,000 reviews). Each query reads only indexes:
-- completed reviews by workspace and time, with the columns a channel filter and the latest-recommendation lookup
-- need (partial: completed rows only); reviews started by time; open reviews per place (partial: in_progress only);
-- a review's place by id, for decisions; decisions by time; a review's latest recommended model.
CREATE INDEX reviews_completed_cover ON reviews (platform, workspace_id, completed_at, channel_id, status, id)
  WHERE completed_at IS NOT NULL;
CREATE INDEX reviews_by_workspace_created ON reviews (platform, workspace_id, created_at, channel_id);
CREATE INDEX reviews_open_by_place ON reviews (platform, workspace_id, channel_id, last_activity_at)
  WHERE status = 'in_progress';
CREATE INDEX reviews_place_by_id ON reviews (id, platform, workspace_id, channel_id);
CREATE INDEX decisions_by_created ON decisions (created_at, review_id, against_advice);
CREATE INDEX recommendations_latest ON recommendations (review_id, id, recommended);

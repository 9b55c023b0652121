-- 0005_inbox: every request Slack or Teams was told was received (an acknowledged command, click, message or
-- activity), stored before the acknowledgement and deleted once its work is done, so a crash loses none of them.
-- Append-only like the others.
-- owner and lease_until: the process working on the row, until when. It renews the lease while it works; a row whose
-- lease has passed (its process died, or stopped at its shutdown deadline and released it) is taken by any process.
-- not_before: a row postponed (Slack asked to wait out a rate limit) is not taken before then.
-- attempts: how many processes have taken it; a row that keeps failing is dropped after a few.
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  platform TEXT NOT NULL CHECK (platform IN ('slack', 'teams')),
  body_json TEXT NOT NULL CHECK (json_valid(body_json)),
  received_at INTEGER NOT NULL,
  owner TEXT,
  lease_until INTEGER NOT NULL,
  not_before INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1)
) STRICT;

CREATE INDEX inbox_by_lease ON inbox (platform, lease_until, not_before);

-- 0004_signoffs: named approvers of a review and what each did. Append-only: never edit once landed; add 0005_... instead.

-- Who was asked to sign a review off, by whom and when. One row per approver; asking again keeps the first row.
CREATE TABLE signoff_requests (
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  approver_id TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  PRIMARY KEY (review_id, approver_id)
) STRICT, WITHOUT ROWID;

-- Every approval or request for changes, append-only. recommendation_id is the recommendation it was given on: once a
-- changed answer produces a newer one, the action has lapsed and the approver is asked again.
CREATE TABLE signoff_actions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  approver_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('approved', 'changes_requested')),
  note TEXT,
  recommendation_id INTEGER NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  at INTEGER NOT NULL
) STRICT;

CREATE INDEX signoff_actions_by_review ON signoff_actions (review_id, id);

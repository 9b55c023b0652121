-- 0004_review_audience: who can see a review's conversation besides its members, so that a workspace-wide digest
-- shows only what the channel it is posted in can see. Append-only like the others: add a new file instead of editing.
-- audience: 'workspace' for a Slack public channel (the whole workspace sees it), 'team:<team id>' for a Teams standard
-- channel (its team sees it), NULL for a direct or group chat, a private channel, or a review stored before this
-- column existed (not known: left out, never guessed). A workspace digest is posted only where the audience is not
-- NULL, and counts only reviews with that same audience.
ALTER TABLE reviews ADD COLUMN audience TEXT CHECK (audience IS NULL OR length(audience) BETWEEN 1 AND 300);
ALTER TABLE digest_subscriptions ADD COLUMN audience TEXT CHECK (audience IS NULL OR length(audience) BETWEEN 1 AND 300);

-- The workspace digest's queries by audience, each reading an index only (as 0002's do for a channel).
CREATE INDEX reviews_completed_by_audience ON reviews (platform, workspace_id, audience, completed_at, channel_id, status, id)
  WHERE completed_at IS NOT NULL;
CREATE INDEX reviews_created_by_audience ON reviews (platform, workspace_id, audience, created_at, channel_id);
CREATE INDEX reviews_open_by_audience ON reviews (platform, workspace_id, audience, last_activity_at)
  WHERE status = 'in_progress';

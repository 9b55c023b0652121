-- 0007_signoff_reminders: when a named approver who never acted was reminded, and by which instance. Append-only:
-- never edit once landed; add 0008_... instead.

-- The reminder is claimed with a conditional UPDATE (... WHERE reminded_at IS NULL): of several instances, one wins
-- each approver, so a pending sign-off is reminded once across restarts and instances.
ALTER TABLE signoff_requests ADD COLUMN reminded_at INTEGER;
ALTER TABLE signoff_requests ADD COLUMN reminded_by TEXT;

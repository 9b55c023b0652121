-- 0007_signoff_reminders for PostgreSQL: the same columns as ../0007_signoff_reminders.sql (see the comments there).
ALTER TABLE signoff_requests ADD COLUMN reminded_at BIGINT;
ALTER TABLE signoff_requests ADD COLUMN reminded_by TEXT;

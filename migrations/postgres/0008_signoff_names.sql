-- 0008_signoff_names for PostgreSQL: the same columns as ../0008_signoff_names.sql (see the comments there).
ALTER TABLE signoff_requests ADD COLUMN approver_name TEXT;
ALTER TABLE signoff_requests ADD COLUMN requested_by_name TEXT;

-- 0008_signoff_names: the display names an approver and the person who asked were mentioned by, so later cards,
-- reminders and asks on Teams name them (a Teams id alone cannot be shown). Slack shows people by id and leaves them
-- null. Append-only: never edit once landed; add 0009_... instead.
ALTER TABLE signoff_requests ADD COLUMN approver_name TEXT;
ALTER TABLE signoff_requests ADD COLUMN requested_by_name TEXT;

-- 0003_revisits: how a re-opened question was re-opened, and the later answers to ask again after one changed.
-- Append-only: never edit once landed; add 0004_... instead.

-- 'back' (a step back: a changed answer re-asks every later answer) or 'change' (from the card: only the later
-- questions whose askWhen reads it); NULL when nothing is re-opened.
ALTER TABLE reviews ADD COLUMN reopened_by TEXT CHECK (reopened_by IN ('back', 'change'));

-- JSON array of question ids, in script order, to ask again with their answers offered as defaults.
ALTER TABLE reviews ADD COLUMN revisit TEXT NOT NULL DEFAULT '[]';

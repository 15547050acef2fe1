-- Central sync: retry schedule for records, central copies of students and templates, sync cursors.

-- When a record that failed to sync may be sent again (exponential backoff); NULL = now.
ALTER TABLE attendance_records ADD COLUMN next_attempt_at TEXT;

-- Students that the school's central database deleted stay inactive even if their photos are
-- still in FACES_DIR (local enrollment must not bring them back); central_updated_at is the
-- central row's updated_at last applied here.
ALTER TABLE students ADD COLUMN deleted_centrally INTEGER NOT NULL DEFAULT 0;
ALTER TABLE students ADD COLUMN central_updated_at TEXT;

-- A template copied from the central database: its id there. NULL for templates enrolled here.
-- For those, photo_sha256 holds the sha256 of the descriptor bytes.
ALTER TABLE face_templates ADD COLUMN central_id TEXT;
CREATE UNIQUE INDEX face_templates_by_central_id ON face_templates (central_id);

-- Where each incremental sync stopped, e.g. ('students', '2026-11-24T08:01:02.123Z').
CREATE TABLE sync_cursors (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Cleanup deletes old synced/rejected records by capture time; sync logs by start time.
CREATE INDEX sync_logs_by_start ON sync_logs (started_at);

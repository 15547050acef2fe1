-- Initial schema. Times are ISO-8601 UTC text with milliseconds (2026-11-24T08:01:02.123Z)
-- so that comparing the text compares the times.

-- Students are soft-deleted: their attendance history must keep pointing at them.
CREATE TABLE students (
    id          TEXT PRIMARY KEY,
    name        TEXT,
    class_name  TEXT,
    active      INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Every enrollment photo processed, accepted or not, so a re-run only redoes changed photos.
CREATE TABLE enrollment_photos (
    path          TEXT PRIMARY KEY,
    student_id    TEXT NOT NULL REFERENCES students(id),
    sha256        TEXT NOT NULL,
    size_bytes    INTEGER,
    modified_at   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
    reason        TEXT,
    processed_at  TEXT NOT NULL
);

-- descriptor: float32 little-endian. One template per student, model and photo content.
CREATE TABLE face_templates (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id    TEXT NOT NULL REFERENCES students(id),
    model         TEXT NOT NULL,
    descriptor    BLOB NOT NULL,
    photo_path    TEXT,
    photo_sha256  TEXT NOT NULL,
    quality       REAL,
    created_at    TEXT NOT NULL,
    UNIQUE (student_id, model, photo_sha256)
);

-- id is a UUID made on the gateway, so the server can de-duplicate re-sent records.
CREATE TABLE attendance_records (
    id               TEXT PRIMARY KEY,
    student_id       TEXT NOT NULL REFERENCES students(id),
    device_id        TEXT NOT NULL,
    captured_at      TEXT NOT NULL,
    confidence       REAL,
    distance         REAL,
    matcher          TEXT NOT NULL,
    sync_status      TEXT NOT NULL DEFAULT 'pending'
                     CHECK (sync_status IN ('pending', 'synced', 'rejected', 'dead')),
    sync_attempts    INTEGER NOT NULL DEFAULT 0,
    last_sync_error  TEXT,
    synced_at        TEXT,
    created_at       TEXT NOT NULL
);
-- The duplicate-window check and per-student reports.
CREATE INDEX attendance_by_student_time ON attendance_records (student_id, captured_at);
-- The sync job picking up pending records oldest first.
CREATE INDEX attendance_by_sync_status_time ON attendance_records (sync_status, captured_at);

CREATE TABLE sync_logs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    records_sent   INTEGER,
    accepted       INTEGER,
    rejected       INTEGER,
    failed         INTEGER,
    error          TEXT
);

CREATE TABLE devices (
    id             TEXT PRIMARY KEY,
    name           TEXT,
    app_version    TEXT,
    registered_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL
);

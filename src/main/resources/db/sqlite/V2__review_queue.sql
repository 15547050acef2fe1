-- Faces the gateway would not decide on alone: a look-alike (the runner-up student almost as close)
-- or a face just below the recognition threshold. A person accepts (an attendance record is made)
-- or rejects each item. face_jpeg is the aligned face of the best frame, 150x150.
CREATE TABLE review_items (
    id                   TEXT PRIMARY KEY,
    student_id           TEXT NOT NULL REFERENCES students(id),
    runner_up_id         TEXT,
    device_id            TEXT NOT NULL,
    captured_at          TEXT NOT NULL,
    reason               TEXT NOT NULL CHECK (reason IN ('low_margin', 'near_threshold')),
    distance             REAL NOT NULL,
    runner_up_distance   REAL,
    confidence           REAL NOT NULL,
    matcher              TEXT NOT NULL,
    face_jpeg            BLOB,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    resolved_at          TEXT,
    resolved_by          TEXT,
    attendance_id        TEXT REFERENCES attendance_records(id),
    created_at           TEXT NOT NULL
);
-- The open queue, newest first, and the one-item-per-student-per-window check.
CREATE INDEX review_by_status_time ON review_items (status, captured_at);
CREATE INDEX review_by_student_time ON review_items (student_id, captured_at);

-- Corrections teach the gateway. A face an admin said is NOT a student (a rejected review item, a voided
-- automatic record) is kept as a "negative" for that student; a later face closer to one of them than to
-- the student's own templates goes to review instead of being recorded. To learn from a void, the
-- descriptor behind each automatic record is kept beside it (attendance_faces); to learn from a reject,
-- beside the review item. Every descriptor here is encrypted like face_templates, carries its model (only
-- same-model descriptors are compared), is erased with the student and expires after
-- EVIDENCE_RETENTION_DAYS.
CREATE TABLE negative_faces (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id   TEXT NOT NULL,
    model        TEXT NOT NULL,
    descriptor   BLOB NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('review', 'void')),
    source_id    TEXT NOT NULL,
    taught_by    TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX negative_faces_by_student ON negative_faces (student_id, model);
CREATE INDEX negative_faces_by_time ON negative_faces (created_at);

CREATE TABLE attendance_faces (
    attendance_id  TEXT PRIMARY KEY REFERENCES attendance_records(id),
    model          TEXT NOT NULL,
    descriptor     BLOB NOT NULL,
    captured_at    TEXT NOT NULL
);
CREATE INDEX attendance_faces_by_time ON attendance_faces (captured_at);

-- A review item keeps its face's descriptor (for a reject to teach), and may now be held because the face
-- is closer to a negative than to the student. SQLite cannot change a CHECK constraint in place, so
-- review_items is rebuilt with its rows and indexes.
CREATE TABLE review_items_v9 (
    id                   TEXT PRIMARY KEY,
    student_id           TEXT NOT NULL REFERENCES students(id),
    runner_up_id         TEXT,
    device_id            TEXT NOT NULL,
    captured_at          TEXT NOT NULL,
    reason               TEXT NOT NULL CHECK (reason IN ('low_margin', 'near_threshold', 'rekognition_disagrees',
                                                         'not_this_student')),
    distance             REAL NOT NULL,
    runner_up_distance   REAL,
    confidence           REAL NOT NULL,
    matcher              TEXT NOT NULL,
    face_jpeg            BLOB,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    resolved_at          TEXT,
    resolved_by          TEXT,
    attendance_id        TEXT REFERENCES attendance_records(id),
    created_at           TEXT NOT NULL,
    descriptor           BLOB,
    descriptor_model     TEXT
);
INSERT INTO review_items_v9 (id, student_id, runner_up_id, device_id, captured_at, reason, distance, runner_up_distance,
                             confidence, matcher, face_jpeg, status, resolved_at, resolved_by, attendance_id, created_at)
    SELECT id, student_id, runner_up_id, device_id, captured_at, reason, distance, runner_up_distance,
           confidence, matcher, face_jpeg, status, resolved_at, resolved_by, attendance_id, created_at
    FROM review_items;
DROP TABLE review_items;
ALTER TABLE review_items_v9 RENAME TO review_items;
CREATE INDEX review_by_status_time ON review_items (status, captured_at);
CREATE INDEX review_by_student_time ON review_items (student_id, captured_at);

-- AWS Rekognition (MATCHER=rekognition or hybrid).

-- The face IndexFaces made of each enrollment template, per collection. Not a foreign key to
-- face_templates: the row outlives its template (photo deleted, student removed) until DeleteFaces
-- has removed the face from the collection.
CREATE TABLE rekognition_faces (
    collection_id  TEXT NOT NULL,
    template_id    INTEGER NOT NULL,
    student_id     TEXT NOT NULL,
    photo_path     TEXT NOT NULL,
    face_id        TEXT,             -- null when Rekognition indexed no face; refusal says why
    refusal        TEXT,
    indexed_at     TEXT NOT NULL,
    PRIMARY KEY (collection_id, template_id)
);

-- Attendance recorded while Rekognition could not answer (matcher local-fallback), to be checked with
-- Rekognition once it answers again (REKOGNITION_REVERIFY). The face crop is biometric data: it is
-- deleted as soon as the check is done (a disagreement keeps it in its review item instead), or once
-- the record is older than CLEANUP_DAYS. No foreign key: the cleanup of old records must not be held
-- up by a check that never happened.
CREATE TABLE rekognition_rechecks (
    attendance_id     TEXT PRIMARY KEY,
    student_id        TEXT NOT NULL,
    crop              BLOB,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'disputed', 'expired')),
    found_student_id  TEXT,
    similarity        REAL,
    review_item_id    TEXT,
    checked_at        TEXT,
    created_at        TEXT NOT NULL
);
CREATE INDEX rekognition_rechecks_by_status ON rekognition_rechecks (status, created_at);

-- A review item may now also say that Rekognition disagreed with a record made offline. SQLite cannot
-- change a CHECK constraint in place, so review_items is rebuilt with its rows and indexes.
CREATE TABLE review_items_v4 (
    id                   TEXT PRIMARY KEY,
    student_id           TEXT NOT NULL REFERENCES students(id),
    runner_up_id         TEXT,
    device_id            TEXT NOT NULL,
    captured_at          TEXT NOT NULL,
    reason               TEXT NOT NULL CHECK (reason IN ('low_margin', 'near_threshold', 'rekognition_disagrees')),
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
INSERT INTO review_items_v4 (id, student_id, runner_up_id, device_id, captured_at, reason, distance, runner_up_distance,
                             confidence, matcher, face_jpeg, status, resolved_at, resolved_by, attendance_id, created_at)
    SELECT id, student_id, runner_up_id, device_id, captured_at, reason, distance, runner_up_distance,
           confidence, matcher, face_jpeg, status, resolved_at, resolved_by, attendance_id, created_at
    FROM review_items;
DROP TABLE review_items;
ALTER TABLE review_items_v4 RENAME TO review_items;
CREATE INDEX review_by_status_time ON review_items (status, captured_at);
CREATE INDEX review_by_student_time ON review_items (student_id, captured_at);

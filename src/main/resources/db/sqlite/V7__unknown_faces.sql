-- Faces that matched nobody, kept only when KEEP_UNKNOWN_CROPS=true (off by default: a stranger's face
-- is none of the school's business) and only for EVIDENCE_RETENTION_DAYS. face_jpeg is encrypted.
CREATE TABLE unknown_faces (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id    TEXT NOT NULL,
    captured_at  TEXT NOT NULL,
    face_jpeg    BLOB NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX unknown_faces_by_time ON unknown_faces (captured_at);

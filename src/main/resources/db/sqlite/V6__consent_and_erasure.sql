-- Guardian consent for biometric processing (LGPD art. 11 and 14, GDPR art. 9), and proof of erasure.

-- One consent record per student: who gave it (a guardian), when, for what, and when it was revoked.
-- No foreign key: consent may be recorded from the command line before the student's photos arrive.
-- source: where it came from last (file, central, command).
CREATE TABLE student_consents (
    student_id  TEXT PRIMARY KEY,
    given_by    TEXT,
    given_at    TEXT,
    scope       TEXT,
    revoked_at  TEXT,
    source      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- What each erasure removed, per store, so `verify-erased` can prove it later. The student is named
-- only by a hash, so the log does not keep the id it erased. probes: for each erased template or crop,
-- the first 4 bytes and the sha256 of a 16-byte fragment from its middle ("0a1b2c3d:<sha256>", comma
-- separated): enough to find the blob in the raw file again, far too little to rebuild a face.
CREATE TABLE erasure_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    student_hash  TEXT NOT NULL,
    erased_at     TEXT NOT NULL,
    report        TEXT NOT NULL,
    probes        TEXT NOT NULL
);
CREATE INDEX erasure_log_by_student ON erasure_log (student_hash);

-- A school day: each student's status per lesson, the corrections staff made, and the timetable
-- copied from the central database. Lessons are named by class, local date and start time
-- ('5A', '2026-03-02', '08:00'); times are ISO-8601 UTC text like the rest of the schema.

-- One row per student and lesson once something is known: present or late from the first sighting
-- (record_id), absent when the lesson ended without one, excused or manual from a teacher's mark,
-- void when an admin voided the record it rested on. version counts changes; the central copy
-- is at synced_version, so a row whose version is ahead is (re)sent.
CREATE TABLE lesson_attendance (
    class_name      TEXT NOT NULL,
    lesson_date     TEXT NOT NULL,
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    student_id      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused', 'manual', 'void')),
    record_id       TEXT,
    first_seen_at   TEXT,
    decided_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    synced_version  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (class_name, lesson_date, starts_at, student_id)
);
CREATE INDEX lesson_attendance_by_record ON lesson_attendance (record_id);
CREATE INDEX lesson_attendance_by_student ON lesson_attendance (student_id, lesson_date);
CREATE INDEX lesson_attendance_unsynced ON lesson_attendance (version - synced_version);

-- Lessons whose end was dealt with (absences decided): the timer catches up on the others.
CREATE TABLE lessons_ended (
    class_name   TEXT NOT NULL,
    lesson_date  TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ended_at     TEXT NOT NULL,
    absent       INTEGER NOT NULL,
    PRIMARY KEY (class_name, lesson_date, starts_at)
);

-- A wrong automatic record, voided by an admin: the record stays, this row says it does not count.
CREATE TABLE attendance_voids (
    record_id  TEXT PRIMARY KEY,
    voided_by  TEXT NOT NULL,
    reason     TEXT NOT NULL,
    voided_at  TEXT NOT NULL,
    synced_at  TEXT
);

-- Every change staff made: who, when, what (action and subject), why.
CREATE TABLE attendance_audit (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    at       TEXT NOT NULL,
    who      TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT,
    reason   TEXT NOT NULL
);

-- The central timetable as last copied down (used when there is no local timetable file).
CREATE TABLE central_timetable (
    class_name  TEXT NOT NULL,
    weekday     INTEGER NOT NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    device_id   TEXT,
    PRIMARY KEY (class_name, weekday, starts_at)
);

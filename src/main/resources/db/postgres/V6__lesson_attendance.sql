-- Each student's status per lesson as the gateway that watched it decided: present, late, absent,
-- excused, manual or void. One row per gateway, student and lesson; version grows with every change
-- on the gateway, and an upsert never replaces a row with an older version, so a batch sent twice
-- (a crash before the gateway noted it) or out of order leaves the latest status once.
CREATE TABLE lesson_attendance (
    device_id      text NOT NULL,
    class_name     text NOT NULL,
    lesson_date    date NOT NULL,
    starts_at      time NOT NULL,
    ends_at        time NOT NULL,
    student_id     text NOT NULL,
    status         text NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused', 'manual', 'void')),
    record_id      uuid,
    first_seen_at  timestamptz,
    decided_at     timestamptz NOT NULL,
    version        integer NOT NULL,
    received_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, class_name, lesson_date, starts_at, student_id)
);
CREATE INDEX lesson_attendance_by_lesson ON lesson_attendance (lesson_date, class_name, starts_at);

-- Attendance records an admin voided on a gateway (the record itself stays in attendance_records).
CREATE TABLE attendance_voids (
    record_id    uuid PRIMARY KEY,
    device_id    text NOT NULL,
    voided_by    text NOT NULL,
    reason       text NOT NULL,
    voided_at    timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

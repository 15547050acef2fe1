-- The school's timetable, kept centrally and copied down to every gateway with the student sync.
-- weekday: 1 = Monday ... 7 = Sunday. device_id: the gateway that watches the room (NULL: any).
-- A gateway uses it only when it has no local timetable file (TIMETABLE): the local file wins.
CREATE TABLE timetable (
    class_name  text NOT NULL,
    weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts_at   time NOT NULL,
    ends_at     time NOT NULL CHECK (ends_at > starts_at),
    device_id   text,
    PRIMARY KEY (class_name, weekday, starts_at)
);

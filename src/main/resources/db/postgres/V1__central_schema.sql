-- The school's central database, shared by every gateway.

-- One row per gateway, written in the same transaction as each batch of its records.
CREATE TABLE devices (
    id             text PRIMARY KEY,
    app_version    text,
    first_seen_at  timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL,
    last_sync_at   timestamptz,
    -- records still waiting on the gateway after its last batch
    pending_count  integer NOT NULL DEFAULT 0
);

-- Attendance validated by the school's API. id is the UUID the gateway made when it recorded the
-- attendance: inserting with ON CONFLICT DO NOTHING makes a re-sent record a no-op. The natural
-- key (student, device, capture time) guards against the same sighting under a second UUID.
CREATE TABLE attendance_records (
    id            uuid PRIMARY KEY,
    student_id    text NOT NULL,
    device_id     text NOT NULL REFERENCES devices(id),
    captured_at   timestamptz NOT NULL,
    confidence    double precision,
    distance      double precision,
    matcher       text NOT NULL,
    validated_at  timestamptz NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attendance_once_per_sighting UNIQUE (student_id, device_id, captured_at)
);
CREATE INDEX attendance_by_captured_at ON attendance_records (captured_at);

-- Students as the school manages them. Gateways copy changes incrementally by updated_at (kept by
-- the trigger below); deleting is soft (deleted_at), so gateways learn of it and stop matching.
CREATE TABLE students (
    id          text PRIMARY KEY,
    name        text,
    class_name  text,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    deleted_at  timestamptz
);
CREATE INDEX students_by_updated_at ON students (updated_at);

-- Face templates made centrally. descriptor: float32 little-endian, as the gateways store them;
-- model names the recognition model (a gateway uses only templates of its own model,
-- dlib-resnet29-v1 today).
CREATE TABLE face_templates (
    id          text PRIMARY KEY,
    student_id  text NOT NULL REFERENCES students(id),
    model       text NOT NULL,
    descriptor  bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    deleted_at  timestamptz
);
CREATE INDEX face_templates_by_updated_at ON face_templates (updated_at);
CREATE INDEX face_templates_by_student ON face_templates (student_id);

-- Every change moves updated_at forward, whoever makes it, so no gateway misses it.
CREATE FUNCTION presenca_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$;
CREATE TRIGGER students_touch_updated_at BEFORE UPDATE ON students
    FOR EACH ROW EXECUTE FUNCTION presenca_touch_updated_at();
CREATE TRIGGER face_templates_touch_updated_at BEFORE UPDATE ON face_templates
    FOR EACH ROW EXECUTE FUNCTION presenca_touch_updated_at();

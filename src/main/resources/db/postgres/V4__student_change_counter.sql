-- Where a gateway's student sync stopped, as something the server counts instead of a wall-clock
-- time. Every insert or update of a student or a face template takes the next number of one sequence
-- (change_seq, the order changes are applied in) and notes the transaction that made it (change_xid).
-- A gateway keeps the snapshot of its last read (pg_current_snapshot()) and next reads exactly the
-- rows whose transaction that snapshot did not see: one that committed late (after a later change
-- was read) is read next time, and a row already read is not read again. No clock is compared,
-- so neither clock skew nor a long transaction can hide a change.
CREATE SEQUENCE presenca_changes;

ALTER TABLE students ADD COLUMN change_seq bigint;
ALTER TABLE students ADD COLUMN change_xid xid8;
ALTER TABLE face_templates ADD COLUMN change_seq bigint;
ALTER TABLE face_templates ADD COLUMN change_xid xid8;

CREATE FUNCTION presenca_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_seq := nextval('presenca_changes');
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END
$$;
CREATE TRIGGER students_count_change BEFORE INSERT OR UPDATE ON students
    FOR EACH ROW EXECUTE FUNCTION presenca_count_change();
CREATE TRIGGER face_templates_count_change BEFORE INSERT OR UPDATE ON face_templates
    FOR EACH ROW EXECUTE FUNCTION presenca_count_change();

-- Rows from before this migration have no change_xid: a gateway without a snapshot reads them all once.
CREATE INDEX students_by_change_xid ON students (change_xid);
CREATE INDEX face_templates_by_change_xid ON face_templates (change_xid);

package io.presenca.lessons;

import io.presenca.store.Database;
import io.presenca.store.Sql;
import io.presenca.store.Timestamps;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lesson tables in SQLite: statuses per student and lesson, lessons already ended, voids and the
 * audit trail. Methods taking a {@link Connection} run in the caller's transaction.
 */
public final class LessonStore {

    /** A record that may count for a lesson: who, where, when. */
    record Sighting(String recordId, String studentId, String deviceId, Instant capturedAt) {
    }

    /** A student enrolled in a class. */
    record Enrolled(String id, String name) {
    }

    private static final String MARK_COLUMNS = """
            l.class_name, l.lesson_date, l.starts_at, l.ends_at, l.student_id, s.name, l.status, l.record_id,
            l.first_seen_at, l.decided_at""";
    private static final String SELECT_MARKS = "SELECT " + MARK_COLUMNS
            + " FROM lesson_attendance l LEFT JOIN students s ON s.id = l.student_id";

    private final Database db;

    public LessonStore(Database db) {
        this.db = db;
    }

    static Optional<LessonStatus> statusOf(Connection c, LessonOnDate lesson, String studentId) throws SQLException {
        return Sql.first(c, """
                SELECT status FROM lesson_attendance
                WHERE class_name = ? AND lesson_date = ? AND starts_at = ? AND student_id = ?""",
                row -> LessonStatus.fromColumn(row.getString(1)), lesson.className(), lesson.date().toString(),
                lesson.lesson().start().toString(), studentId);
    }

    /** Writes the student's first status for the lesson; false (nothing written) if they have one already. */
    static boolean insertStatus(Connection c, LessonOnDate lesson, String studentId, LessonStatus status,
                                String recordId, Instant firstSeenAt, Instant decidedAt) throws SQLException {
        return Sql.update(c, """
                INSERT INTO lesson_attendance(class_name, lesson_date, starts_at, ends_at, student_id, status,
                    record_id, first_seen_at, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", lesson.className(), lesson.date().toString(),
                lesson.lesson().start().toString(), lesson.lesson().end().toString(), studentId, status.column(),
                recordId, firstSeenAt, decidedAt) > 0;
    }

    /** Sets the student's status for the lesson, whatever it was; the change is synced again. */
    static void setStatus(Connection c, LessonOnDate lesson, String studentId, LessonStatus status, String recordId,
                          Instant decidedAt) throws SQLException {
        Sql.update(c, """
                INSERT INTO lesson_attendance(class_name, lesson_date, starts_at, ends_at, student_id, status,
                    record_id, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(class_name, lesson_date, starts_at, student_id) DO UPDATE SET status = excluded.status, record_id = excluded.record_id,
                    decided_at = excluded.decided_at, version = lesson_attendance.version + 1""",
                lesson.className(), lesson.date().toString(), lesson.lesson().start().toString(),
                lesson.lesson().end().toString(), studentId, status.column(), recordId, decidedAt);
    }

    /** Statuses that rested on the record become void; returns them. */
    static List<LessonMark> voidStatusesOf(Connection c, String recordId, Instant at) throws SQLException {
        Sql.update(c, """
                UPDATE lesson_attendance SET status = 'void', decided_at = ?, version = version + 1
                WHERE record_id = ? AND status <> 'void'""", at, recordId);
        return Sql.list(c, SELECT_MARKS + " WHERE l.record_id = ?", LessonStore::mark, recordId);
    }

    static boolean ended(Connection c, LessonOnDate lesson) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM lessons_ended WHERE class_name = ? AND lesson_date = ? AND starts_at = ?",
                lesson.className(), lesson.date().toString(), lesson.lesson().start().toString());
    }

    static void markEnded(Connection c, LessonOnDate lesson, Instant at, int absent) throws SQLException {
        Sql.update(c, "INSERT INTO lessons_ended(class_name, lesson_date, starts_at, ended_at, absent) VALUES (?, ?, ?, ?, ?)",
                lesson.className(), lesson.date().toString(), lesson.lesson().start().toString(), at, absent);
    }

    static void audit(Connection c, Instant at, String who, String action, String subject, String detail,
                      String reason) throws SQLException {
        Sql.update(c, "INSERT INTO attendance_audit(at, who, action, subject, detail, reason) VALUES (?, ?, ?, ?, ?, ?)",
                at, who, action, subject, detail, reason);
    }

    static Optional<String> classOf(Connection c, String studentId) throws SQLException {
        return Sql.first(c, "SELECT class_name FROM students WHERE id = ?", row -> row.getString(1), studentId);
    }

    static Optional<String> nameOf(Connection c, String studentId) throws SQLException {
        return Sql.first(c, "SELECT name FROM students WHERE id = ?", row -> row.getString(1), studentId);
    }

    /** Active students of the class. */
    static List<Enrolled> enrolled(Connection c, String className) throws SQLException {
        return Sql.list(c, """
                SELECT id, name FROM students WHERE class_name = ? AND active = 1 AND deleted_at IS NULL ORDER BY id""",
                row -> new Enrolled(row.getString("id"), row.getString("name")), className);
    }

    /**
     * Sightings of the class's students in [from, to), oldest first: records made by a camera (not by
     * hand) that were not voided.
     */
    static List<Sighting> sightings(Connection c, String className, Instant from, Instant to) throws SQLException {
        return Sql.list(c, """
                SELECT a.id, a.student_id, a.device_id, a.captured_at FROM attendance_records a
                JOIN students s ON s.id = a.student_id
                WHERE s.class_name = ? AND a.captured_at >= ? AND a.captured_at < ? AND a.matcher <> 'manual'
                  AND NOT EXISTS (SELECT 1 FROM attendance_voids v WHERE v.record_id = a.id)
                ORDER BY a.captured_at, a.id""",
                row -> new Sighting(row.getString(1), row.getString(2), row.getString(3), Sql.instant(row, "captured_at")),
                className, from, to);
    }

    /** Whether the student has a camera record in [dayStart, before) other than {@code exceptRecord}. */
    static boolean seenBetween(Connection c, String studentId, Instant dayStart, Instant before, String exceptRecord)
            throws SQLException {
        return Sql.exists(c, """
                SELECT 1 FROM attendance_records WHERE student_id = ? AND captured_at >= ? AND captured_at < ?
                  AND id <> ? AND matcher <> 'manual'""", studentId, dayStart, before, exceptRecord);
    }

    /** The value of a named cursor in {@code sync_cursors}, written once. */
    static Instant cursor(Connection c, String name, Instant ifUnset) throws SQLException {
        Sql.update(c, "INSERT INTO sync_cursors(name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                name, Timestamps.format(ifUnset), Timestamps.now());
        return Sql.first(c, "SELECT value FROM sync_cursors WHERE name = ?", row -> Timestamps.parse(row.getString(1)),
                name).orElse(ifUnset);
    }

    /** Statuses on {@code date} (all classes when {@code className} is null), by lesson start, class and student. */
    public List<LessonMark> marks(LocalDate date, String className) {
        StringBuilder sql = new StringBuilder(SELECT_MARKS + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (date != null) {
            sql.append(" AND l.lesson_date = ?");
            params.add(date.toString());
        }
        if (className != null) {
            sql.append(" AND l.class_name = ?");
            params.add(className);
        }
        sql.append(" ORDER BY l.lesson_date, l.starts_at, l.class_name, l.student_id");
        return db.withConnection(c -> Sql.list(c, sql.toString(), LessonStore::mark, params.toArray()));
    }

    /** A student's statuses, newest lesson first: the history the dashboard shows. */
    public List<LessonMark> history(String studentId) {
        return db.withConnection(c -> Sql.list(c, SELECT_MARKS
                + " WHERE l.student_id = ? ORDER BY l.lesson_date DESC, l.starts_at DESC", LessonStore::mark, studentId));
    }

    public boolean isVoided(String recordId) {
        return db.withConnection(c -> Sql.exists(c, "SELECT 1 FROM attendance_voids WHERE record_id = ?", recordId));
    }

    public boolean hasEnded(LessonOnDate lesson) {
        return db.withConnection(c -> ended(c, lesson));
    }

    /** The student's records that were voided, by record id: who voided each and why. */
    public java.util.Map<String, AuditEntry> voidsOf(String studentId) {
        java.util.Map<String, AuditEntry> voids = new java.util.LinkedHashMap<>();
        db.withConnection(c -> Sql.list(c, """
                SELECT v.record_id, v.voided_by, v.reason, v.voided_at FROM attendance_voids v
                JOIN attendance_records a ON a.id = v.record_id WHERE a.student_id = ?""",
                row -> voids.put(row.getString("record_id"), new AuditEntry(Sql.instant(row, "voided_at"),
                        row.getString("voided_by"), "void", "record " + row.getString("record_id"), null,
                        row.getString("reason"))), studentId));
        return voids;
    }

    /** The audit rows about one student (their marks and the voids of their records), newest first. */
    public List<AuditEntry> auditAbout(String studentId) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT at, who, action, subject, detail, reason FROM attendance_audit
                WHERE instr(subject, 'student ' || ? || ',') = 1 OR instr(detail, 'student ' || ? || ' at ') = 1
                ORDER BY id DESC""",
                row -> new AuditEntry(Sql.instant(row, "at"), row.getString("who"), row.getString("action"),
                        row.getString("subject"), row.getString("detail"), row.getString("reason")), studentId, studentId));
    }

    /** The audit trail, newest first: {@code at | who | action | subject | detail | reason}. */
    public List<String> auditTrail(int limit) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT at, who, action, subject, detail, reason FROM attendance_audit ORDER BY id DESC LIMIT ?""",
                row -> String.join(" | ", row.getString("at"), row.getString("who"), row.getString("action"),
                        row.getString("subject"), String.valueOf(row.getString("detail")), row.getString("reason")),
                limit));
    }

    private static LessonMark mark(ResultSet row) throws SQLException {
        return new LessonMark(row.getString("class_name"), LocalDate.parse(row.getString("lesson_date")),
                LocalTime.parse(row.getString("starts_at")), LocalTime.parse(row.getString("ends_at")),
                row.getString("student_id"), row.getString("name"), LessonStatus.fromColumn(row.getString("status")),
                row.getString("record_id"), Sql.instant(row, "first_seen_at"), Sql.instant(row, "decided_at"));
    }
}

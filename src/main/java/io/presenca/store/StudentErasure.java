package io.presenca.store;

import io.presenca.config.EraseAttendance;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQLite side of erasing a student: every row that holds their face or names them, in one
 * transaction, then the file compacted so nothing is left in free pages or the write-ahead log.
 * Connections run with {@code secure_delete} (see {@link Database}), so deleted cells are zeroed too.
 */
public final class StudentErasure {

    /** What to erase: everything ({@code erase}), or only the face data (consent withdrawn). */
    public enum Scope {
        EVERYTHING,
        BIOMETRIC_ONLY
    }

    /** Rows removed or changed per table, in the order erased; the blobs' probes (see V6). */
    public record Erased(Map<String, Integer> rows, List<String> probes) {
    }

    private final Database db;

    public StudentErasure(Database db) {
        this.db = db;
    }

    /** Every blob (template or crop) of the student, for {@link ErasureProbe}s taken before erasing. */
    public List<byte[]> blobs(String studentId) {
        return db.withConnection(c -> {
            List<byte[]> blobs = new ArrayList<>(Sql.list(c, "SELECT descriptor FROM face_templates WHERE student_id = ?",
                    row -> row.getBytes(1), studentId));
            blobs.addAll(Sql.list(c, "SELECT face_jpeg FROM review_items WHERE student_id = ? AND face_jpeg IS NOT NULL",
                    row -> row.getBytes(1), studentId));
            blobs.addAll(Sql.list(c, "SELECT crop FROM rekognition_rechecks WHERE student_id = ? AND crop IS NOT NULL",
                    row -> row.getBytes(1), studentId));
            return blobs;
        });
    }

    /**
     * Erases the student's rows; {@code attendance} decides their attendance records when the scope is
     * everything (a withdrawal keeps them). The erasure is logged under a hash of the id with {@code probes}.
     */
    public Erased erase(String studentId, Scope scope, EraseAttendance attendance, String studentHash) {
        List<String> probes = blobs(studentId).stream().map(ErasureProbe::of).map(ErasureProbe::text).toList();
        Map<String, Integer> rows = db.inTransaction(c -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("face_templates", Sql.update(c, "DELETE FROM face_templates WHERE student_id = ?", studentId));
            counts.put("enrollment_photos", Sql.update(c, "DELETE FROM enrollment_photos WHERE student_id = ?", studentId));
            counts.put("review_items", Sql.update(c, "DELETE FROM review_items WHERE student_id = ?", studentId));
            counts.put("review_items naming them as runner-up", Sql.update(c,
                    "UPDATE review_items SET runner_up_id = NULL WHERE runner_up_id = ?", studentId));
            counts.put("rekognition_rechecks", Sql.update(c,
                    "DELETE FROM rekognition_rechecks WHERE student_id = ?", studentId));
            counts.put("rekognition_rechecks naming them as found", Sql.update(c,
                    "UPDATE rekognition_rechecks SET found_student_id = NULL WHERE found_student_id = ?", studentId));
            counts.put("rekognition_faces", Sql.update(c, "DELETE FROM rekognition_faces WHERE student_id = ?", studentId));
            if (scope == Scope.EVERYTHING) {
                counts.put("student_consents", Sql.update(c, "DELETE FROM student_consents WHERE student_id = ?", studentId));
                counts.put("attendance_records (" + attendance.name().toLowerCase() + ")",
                        eraseAttendance(c, studentId, attendance));
                // notifications about the student name them; they are not attendance history
                counts.put("event_outbox", Sql.update(c,
                        "DELETE FROM event_outbox WHERE instr(payload, ?) > 0 OR instr(payload, ?) > 0",
                        "\"id\":\"" + studentId + "\"", "(" + studentId + ")"));
                counts.put("students", attendance == EraseAttendance.KEEP
                        ? Sql.update(c, """
                            UPDATE students SET name = NULL, class_name = NULL, active = 0,
                                deleted_at = coalesce(deleted_at, ?), updated_at = ? WHERE id = ?""",
                            Timestamps.now(), Timestamps.now(), studentId)
                        : Sql.update(c, "DELETE FROM students WHERE id = ?", studentId));
            }
            return counts;
        });
        db.withConnection(c -> Sql.update(c,
                "INSERT INTO erasure_log(student_hash, erased_at, report, probes) VALUES (?, ?, ?, ?)",
                studentHash, Timestamps.now(), rows.toString(), String.join(",", probes)));
        return new Erased(rows, probes);
    }

    private static int eraseAttendance(Connection c, String studentId, EraseAttendance attendance) throws SQLException {
        return switch (attendance) {
            case KEEP -> 0;
            case DELETE -> {
                // a review item of another student may point at one of these records
                Sql.update(c, """
                        UPDATE review_items SET attendance_id = NULL
                        WHERE attendance_id IN (SELECT id FROM attendance_records WHERE student_id = ?)""", studentId);
                Sql.update(c, "DELETE FROM lesson_attendance WHERE student_id = ?", studentId);
                renameInAudit(c, studentId, "an erased student");
                yield Sql.update(c, "DELETE FROM attendance_records WHERE student_id = ?", studentId);
            }
            case PSEUDONYMISE -> {
                // a random pseudonym: the records still count as one (unknown) student's attendance
                String pseudonym = "erased-" + UUID.randomUUID().toString().substring(0, 13);
                Sql.update(c, """
                        INSERT INTO students(id, name, class_name, active, deleted_at, created_at, updated_at)
                        VALUES (?, NULL, NULL, 0, ?, ?, ?)""", pseudonym, Timestamps.now(), Timestamps.now(),
                        Timestamps.now());
                Sql.update(c, "UPDATE lesson_attendance SET student_id = ? WHERE student_id = ?", pseudonym, studentId);
                renameInAudit(c, studentId, pseudonym);
                yield Sql.update(c, "UPDATE attendance_records SET student_id = ? WHERE student_id = ?", pseudonym,
                        studentId);
            }
        };
    }

    /** The audit trail of marks keeps what was done and why, without naming the erased student. */
    private static void renameInAudit(Connection c, String studentId, String replacement) throws SQLException {
        Sql.update(c, """
                UPDATE attendance_audit SET subject = replace(subject, ?, ?), detail = replace(detail, ?, ?)
                WHERE instr(subject, ?) > 0 OR instr(detail, ?) > 0""", "student " + studentId, "student " + replacement,
                "student " + studentId, "student " + replacement, "student " + studentId, "student " + studentId);
    }

    /**
     * Rewrites the file without free pages and empties the write-ahead log into it, so erased bytes
     * are not left in either. Returns false when a reader kept the log from being emptied entirely.
     */
    public boolean compact() {
        return db.compact();
    }

    /** Rows still naming the student, per table (only tables where some remain). */
    public Map<String, Long> remaining(String studentId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        db.withConnection(c -> {
            for (String[] check : new String[][] {
                    {"face_templates", "SELECT count(*) FROM face_templates WHERE student_id = ?"},
                    {"enrollment_photos", "SELECT count(*) FROM enrollment_photos WHERE student_id = ?"},
                    {"review_items", "SELECT count(*) FROM review_items WHERE ? IN (student_id, runner_up_id)"},
                    {"rekognition_rechecks", "SELECT count(*) FROM rekognition_rechecks WHERE ? IN (student_id, found_student_id)"},
                    {"rekognition_faces", "SELECT count(*) FROM rekognition_faces WHERE student_id = ?"},
                    {"student_consents", "SELECT count(*) FROM student_consents WHERE student_id = ?"},
                    {"attendance_records", "SELECT count(*) FROM attendance_records WHERE student_id = ?"},
                    {"lesson_attendance", "SELECT count(*) FROM lesson_attendance WHERE student_id = ?"},
                    {"event_outbox", "SELECT count(*) FROM event_outbox WHERE instr(payload, '\"id\":\"' || ?1 || '\"') > 0"
                            + " OR instr(payload, '(' || ?1 || ')') > 0"},
                    {"students", "SELECT count(*) FROM students WHERE id = ?"}}) {
                long n = Sql.count(c, check[1], studentId);
                if (n > 0) {
                    counts.put(check[0], n);
                }
            }
            return null;
        });
        return counts;
    }

    /** Whether the database still holds face data of the student: templates, crops, Rekognition faces. */
    public boolean holdsFaceData(String studentId) {
        return db.withConnection(c -> Sql.exists(c, """
                SELECT 1 FROM face_templates WHERE student_id = ?
                UNION ALL SELECT 1 FROM review_items WHERE student_id = ?
                UNION ALL SELECT 1 FROM rekognition_rechecks WHERE student_id = ? AND crop IS NOT NULL
                UNION ALL SELECT 1 FROM rekognition_faces WHERE student_id = ?
                UNION ALL SELECT 1 FROM enrollment_photos WHERE student_id = ?
                LIMIT 1""", studentId, studentId, studentId, studentId, studentId));
    }

    /** The probes logged by earlier erasures of the student (by hash), to search the raw file for. */
    public List<ErasureProbe> probes(String studentHash) {
        List<ErasureProbe> probes = new ArrayList<>();
        db.withConnection(c -> Sql.list(c, "SELECT probes FROM erasure_log WHERE student_hash = ?",
                row -> row.getString(1), studentHash)).forEach(text -> {
                    for (String probe : text.split(",")) {
                        if (!probe.isBlank()) {
                            probes.add(ErasureProbe.parse(probe));
                        }
                    }
                });
        return probes;
    }

    public boolean erasedBefore(String studentHash) {
        return db.withConnection(c -> Sql.exists(c, "SELECT 1 FROM erasure_log WHERE student_hash = ?", studentHash));
    }
}

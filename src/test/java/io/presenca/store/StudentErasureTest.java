package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.config.EraseAttendance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ERASE_ATTENDANCE and the two scopes, on the SQLite rows alone. */
class StudentErasureTest {

    private final Database db = Database.open(TestFiles.freshDatabaseFile());
    private final StudentErasure erasure = new StudentErasure(db);

    private String studentWithARecord(String id) {
        new StudentStore(db).upsert(id, "Ana Souza", "5A");
        new TemplateStore(db).add(id, "m", new float[] {1, 2, 3, 4}, id + "/a.jpg", "sha-" + id, 1);
        new ConsentStore(db).record(new Consent(id, "Maria", java.time.LocalDate.of(2026, 2, 1), null, null, "file"));
        String record = new AttendanceStore(db).recordUnlessRecent(id, "door", Instant.now(), 97, 0.3, "local", Duration.ZERO)
                .orElseThrow().id();
        // the face behind the record, and the same face as a negative after an admin voided it
        NegativeFaceStore negatives = new NegativeFaceStore(db);
        negatives.keepRecordFace(record, "m", new float[] {5, 6, 7, 8}, Instant.now());
        assertTrue(negatives.learnFromVoid(record, "admin"));
        return record;
    }

    @Test
    void theFaceBehindARecordAndTheNegativesGoWithTheFaceData() {
        studentWithARecord("s1");
        assertEquals(3, erasure.blobs("s1").size(), "template, record face and negative are probed in the raw file");
        assertEquals(1, new NegativeFaceStore(db).count("s1"));
        erasure.erase("s1", StudentErasure.Scope.BIOMETRIC_ONLY, EraseAttendance.KEEP, "h");
        assertEquals(0, new NegativeFaceStore(db).count("s1"));
        assertEquals(0, count("SELECT count(*) FROM attendance_faces"));
        assertFalse(erasure.holdsFaceData("s1"));
    }

    private long count(String sql, Object... params) {
        return db.withConnection(c -> Sql.count(c, sql, params));
    }

    @Test
    void keepLeavesTheRecordsUnderTheIdWithoutNameOrFace() {
        studentWithARecord("s1");
        erasure.erase("s1", StudentErasure.Scope.EVERYTHING, EraseAttendance.KEEP, "h");
        assertEquals(Map.of("attendance_records", 1L, "students", 1L), erasure.remaining("s1"));
        assertEquals(1, count("SELECT count(*) FROM students WHERE id = 's1' AND name IS NULL AND class_name IS NULL AND active = 0"));
        assertTrue(erasure.erasedBefore("h"));
    }

    @Test
    void pseudonymiseKeepsTheRecordsUnderARandomId() {
        String record = studentWithARecord("s1");
        erasure.erase("s1", StudentErasure.Scope.EVERYTHING, EraseAttendance.PSEUDONYMISE, "h");
        assertEquals(Map.of(), erasure.remaining("s1"));
        String pseudonym = db.withConnection(c -> Sql.first(c, "SELECT student_id FROM attendance_records WHERE id = ?",
                row -> row.getString(1), record)).orElseThrow();
        assertTrue(pseudonym.startsWith("erased-"), pseudonym);
        assertEquals(1, count("SELECT count(*) FROM students WHERE id = ? AND name IS NULL", pseudonym));
    }

    @Test
    void deleteRemovesThemAndFaceDataOnlyKeepsTheRestAfterAWithdrawal() {
        studentWithARecord("s1");
        studentWithARecord("s2");
        erasure.erase("s1", StudentErasure.Scope.EVERYTHING, EraseAttendance.DELETE, "h");
        assertEquals(Map.of(), erasure.remaining("s1"));

        assertTrue(erasure.holdsFaceData("s2"));
        erasure.erase("s2", StudentErasure.Scope.BIOMETRIC_ONLY, EraseAttendance.DELETE, "h2");
        assertFalse(erasure.holdsFaceData("s2"));
        assertEquals(Map.of("student_consents", 1L, "attendance_records", 1L, "students", 1L), erasure.remaining("s2"),
                "a withdrawal keeps the record of it, the student and their attendance");
    }
}

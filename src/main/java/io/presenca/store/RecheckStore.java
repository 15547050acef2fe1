package io.presenca.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attendance recorded while Rekognition could not answer, waiting to be checked by it. A record is
 * never changed here: Rekognition agreeing closes the check; disagreeing puts a review item next to the
 * record for a person to decide. Crops are deleted as soon as a check is closed.
 */
public final class RecheckStore {

    private static final String CLOSE = """
            UPDATE rekognition_rechecks SET status = ?, crop = NULL, found_student_id = ?, similarity = ?,
                review_item_id = ?, checked_at = ?
            WHERE attendance_id = ?""";

    private final Database db;

    public RecheckStore(Database db) {
        this.db = db;
    }

    /** Queues a record for checking; returns false when it already is. */
    public boolean add(String attendanceId, String studentId, byte[] crop) {
        return db.withConnection(c -> Sql.update(c, """
                INSERT INTO rekognition_rechecks(attendance_id, student_id, crop, status, created_at)
                VALUES (?, ?, ?, 'pending', ?) ON CONFLICT(attendance_id) DO NOTHING""",
                attendanceId, studentId, db.cipher().encrypt(crop), Timestamps.now())) > 0;
    }

    /** Pending checks, oldest record first, with what the record says. */
    public List<PendingRecheck> pending(int limit) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT r.attendance_id, r.student_id, a.device_id, a.captured_at, a.confidence, a.distance, r.crop
                FROM rekognition_rechecks r JOIN attendance_records a ON a.id = r.attendance_id
                WHERE r.status = 'pending' ORDER BY a.captured_at, r.attendance_id LIMIT ?""",
                row -> new PendingRecheck(row.getString("attendance_id"), row.getString("student_id"),
                        row.getString("device_id"), Sql.instant(row, "captured_at"), Sql.nullableDouble(row, "confidence"),
                        Sql.nullableDouble(row, "distance"), db.cipher().decrypt(row.getBytes("crop"))),
                limit));
    }

    /** Rekognition agreed with the record. */
    public void confirmed(String attendanceId, String studentId, double similarity) {
        db.withConnection(c -> Sql.update(c, CLOSE, "confirmed", studentId, similarity, null, Timestamps.now(), attendanceId));
    }

    /**
     * Rekognition disagreed: in one transaction the check is closed and {@code review} is queued
     * against the record, which itself stays as it is.
     *
     * @return the review item as stored
     */
    public ReviewItem disputed(String attendanceId, String foundStudentId, Double similarity, ReviewItem review) {
        return db.inTransaction(c -> {
            ReviewItem stored = ReviewStore.insert(c, db.cipher(), review, attendanceId);
            Sql.update(c, CLOSE, "disputed", foundStudentId, similarity, stored.id(), Timestamps.now(), attendanceId);
            return stored;
        });
    }

    /**
     * Drops the crops of checks still pending for records captured before {@code cutoff}, or whose
     * record is gone (cleaned up): faces are not kept indefinitely.
     */
    public int expireBefore(Instant cutoff) {
        return db.withConnection(c -> Sql.update(c, """
                UPDATE rekognition_rechecks SET status = 'expired', crop = NULL, checked_at = ?
                WHERE status = 'pending' AND NOT EXISTS (
                    SELECT 1 FROM attendance_records a WHERE a.id = attendance_id AND a.captured_at >= ?)""",
                Timestamps.now(), cutoff));
    }

    public Optional<String> status(String attendanceId) {
        return db.withConnection(c -> Sql.first(c, "SELECT status FROM rekognition_rechecks WHERE attendance_id = ?",
                row -> row.getString(1), attendanceId));
    }

    /** Checks by status, e.g. {confirmed=3, pending=1}. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        db.withConnection(c -> Sql.list(c, "SELECT status, count(*) FROM rekognition_rechecks GROUP BY status",
                row -> counts.put(row.getString(1), row.getLong(2))));
        return counts;
    }
}

package io.presenca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The review queue: faces the gateway would not decide on alone. */
public final class ReviewStore {

    private final Database db;

    public ReviewStore(Database db) {
        this.db = db;
    }

    /**
     * Queues a face for review unless the student already has an attendance record or a review item
     * within {@code window} of {@code capturedAt}: a person should judge a visit once, and a student
     * already marked present needs no second opinion. Check and insert share one transaction.
     *
     * @return the new item, or empty when it would repeat one
     */
    public Optional<ReviewItem> addUnlessRecent(ReviewItem item, Duration window) {
        return addUnlessRecent(item, window, null, null);
    }

    /**
     * As {@link #addUnlessRecent(ReviewItem, Duration)}, keeping the face's descriptor (of {@code model},
     * encrypted) so that a reject can teach the gateway that this face is not the student.
     */
    public Optional<ReviewItem> addUnlessRecent(ReviewItem item, Duration window, String model, float[] descriptor) {
        StudentStore.requireId(item.studentId());
        Instant at = item.capturedAt().truncatedTo(ChronoUnit.MILLIS);
        return db.inTransaction(c -> {
            boolean seen = AttendanceStore.recordWithin(c, item.studentId(), at, window).isPresent() || Sql.exists(c, """
                    SELECT 1 FROM review_items WHERE student_id = ? AND captured_at > ? AND captured_at < ? LIMIT 1""",
                    item.studentId(), at.minus(window), at.plus(window));
            if (seen) {
                return Optional.empty();
            }
            ReviewItem stored = insert(c, db.cipher(), item, null);
            if (descriptor != null && model != null) {
                Sql.update(c, "UPDATE review_items SET descriptor = ?, descriptor_model = ? WHERE id = ?",
                        NegativeFaceStore.encrypt(db.cipher(), descriptor), model, stored.id());
            }
            return Optional.of(stored);
        });
    }

    /**
     * Writes a new open item, made from {@code item} with a fresh id; {@code attendanceId} names the
     * attendance record the item questions, or is null. For stores whose own transaction adds an item.
     */
    static ReviewItem insert(Connection c, BlobCipher cipher, ReviewItem item, String attendanceId) throws SQLException {
        Instant at = item.capturedAt().truncatedTo(ChronoUnit.MILLIS);
        ReviewItem stored = new ReviewItem(UUID.randomUUID().toString(), item.studentId(), item.runnerUpId(),
                item.deviceId(), at, item.reason(), item.distance(), item.runnerUpDistance(), item.confidence(),
                item.matcher(), item.faceJpeg(), "open", Timestamps.now());
        Sql.update(c, """
                INSERT INTO review_items(id, student_id, runner_up_id, device_id, captured_at, reason, distance,
                    runner_up_distance, confidence, matcher, face_jpeg, status, attendance_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                stored.id(), stored.studentId(), stored.runnerUpId(), stored.deviceId(), at, stored.reason(),
                stored.distance(), stored.runnerUpDistance(), stored.confidence(), stored.matcher(),
                cipher.encrypt(stored.faceJpeg()), stored.status(), attendanceId, stored.createdAt());
        return stored;
    }

    /** How many items wait for a person, without reading their face crops. */
    public long countOpen() {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM review_items WHERE status = 'open'"));
    }

    /**
     * Deletes decided items captured before {@code cutoff}, face crops with them: EVIDENCE_RETENTION_DAYS.
     * Open items stay until a person decides them (nobody has seen them yet). Returns how many.
     */
    public int deleteDecidedCapturedBefore(Instant cutoff) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM review_items WHERE status <> 'open' AND captured_at < ?",
                cutoff));
    }

    /** Open items captured before {@code cutoff}: past EVIDENCE_RETENTION_DAYS, kept because nobody has decided them. */
    public long countOpenCapturedBefore(Instant cutoff) {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM review_items WHERE status = 'open' AND captured_at < ?",
                cutoff));
    }

    /** Open items, oldest first. */
    public List<ReviewItem> open() {
        return db.withConnection(c -> Sql.list(c, """
                SELECT * FROM review_items WHERE status = 'open' ORDER BY captured_at, id""", this::item));
    }

    public Optional<ReviewItem> find(String id) {
        return db.withConnection(c -> Sql.first(c, "SELECT * FROM review_items WHERE id = ?", this::item, id));
    }

    /**
     * A person confirms the item's student: in one transaction, an attendance record is made (or,
     * when the student already has one within {@code window}, that one is linked instead of a
     * duplicate) and the item is closed as accepted by {@code by}. Returns the record's id.
     */
    public String accept(String id, String by, Duration window) {
        return db.inTransaction(c -> {
            ReviewItem item = openItem(c, id);
            Optional<AttendanceRecord> made = AttendanceStore.insertUnlessRecent(c, Sighting.of(item.studentId(),
                    item.deviceId(), item.capturedAt(), item.confidence(), item.distance(), item.matcher()), window);
            String attendanceId = made.isPresent() ? made.get().id()
                    : AttendanceStore.recordWithin(c, item.studentId(), item.capturedAt(), window).orElseThrow();
            close(c, id, "accepted", by, attendanceId);
            return attendanceId;
        });
    }

    /**
     * A person says the face is not the item's student: no record is made, and the item stays,
     * closed as rejected, with its face's descriptor kept as a negative for that student (see
     * {@link NegativeFaceStore}), in the same transaction.
     */
    public void reject(String id, String by) {
        db.inTransaction(c -> {
            openItem(c, id);
            close(c, id, "rejected", by, null);
            NegativeFaceStore.learnFromReview(c, id, by);
            return null;
        });
    }

    private ReviewItem openItem(Connection c, String id) throws SQLException {
        ReviewItem item = Sql.first(c, "SELECT * FROM review_items WHERE id = ?", this::item, id)
                .orElseThrow(() -> new IllegalArgumentException("No review item " + id));
        if (!item.status().equals("open")) {
            throw new IllegalStateException("Review item " + id + " was already " + item.status());
        }
        return item;
    }

    private static void close(Connection c, String id, String status, String by, String attendanceId) throws SQLException {
        Sql.update(c, """
                UPDATE review_items SET status = ?, resolved_at = ?, resolved_by = ?, attendance_id = ? WHERE id = ?""",
                status, Timestamps.now(), by, attendanceId, id);
    }

    /** Reads a row, the face crop decrypted. */
    private ReviewItem item(java.sql.ResultSet row) throws SQLException {
        return new ReviewItem(row.getString("id"), row.getString("student_id"), row.getString("runner_up_id"),
                row.getString("device_id"), Sql.instant(row, "captured_at"), row.getString("reason"),
                row.getDouble("distance"), Sql.nullableDouble(row, "runner_up_distance"),
                row.getDouble("confidence"), row.getString("matcher"), db.cipher().decrypt(row.getBytes("face_jpeg")),
                row.getString("status"), Sql.instant(row, "created_at"));
    }
}

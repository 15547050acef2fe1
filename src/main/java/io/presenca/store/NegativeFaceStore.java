package io.presenca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Faces an admin said are not a student ({@code negative_faces}), and the descriptor behind each
 * automatic record ({@code attendance_faces}) that a void turns into one. Descriptors are encrypted
 * like templates and carry their model; see V9.
 */
public final class NegativeFaceStore {

    /** Where a negative came from: a rejected review item, or a voided automatic record. */
    public enum Source {
        REVIEW, VOID;

        String column() {
            return name().toLowerCase();
        }
    }

    private final Database db;

    public NegativeFaceStore(Database db) {
        this.db = db;
    }

    /** Keeps the descriptor an automatic record was made on, so a later void can teach from it. */
    public void keepRecordFace(String attendanceId, String model, float[] descriptor, Instant capturedAt) {
        db.withConnection(c -> Sql.update(c, """
                INSERT OR IGNORE INTO attendance_faces(attendance_id, model, descriptor, captured_at) VALUES (?, ?, ?, ?)""",
                attendanceId, model, encrypt(db.cipher(), descriptor), capturedAt));
    }

    /**
     * The voided record's face becomes a negative for the record's student, taught by {@code admin}.
     * Returns false when there is no face to learn from (a record made by a person or by Rekognition
     * alone, or one older than EVIDENCE_RETENTION_DAYS); learning twice from one record changes nothing.
     */
    public boolean learnFromVoid(String attendanceId, String admin) {
        return db.inTransaction(c -> {
            Optional<String> studentId = Sql.first(c, "SELECT student_id FROM attendance_records WHERE id = ?",
                    row -> row.getString(1), attendanceId);
            if (studentId.isEmpty()) {
                throw new IllegalArgumentException("No attendance record " + attendanceId);
            }
            return Sql.update(c, """
                    INSERT OR IGNORE INTO negative_faces(student_id, model, descriptor, source, source_id, taught_by, created_at)
                    SELECT ?, model, descriptor, ?, attendance_id, ?, ? FROM attendance_faces WHERE attendance_id = ?""",
                    studentId.get(), Source.VOID.column(), admin, Timestamps.now(), attendanceId) > 0;
        });
    }

    /** In the reject's own transaction: the review item's face becomes a negative for its student. */
    static boolean learnFromReview(Connection c, String reviewItemId, String reviewer) throws SQLException {
        return Sql.update(c, """
                INSERT OR IGNORE INTO negative_faces(student_id, model, descriptor, source, source_id, taught_by, created_at)
                SELECT student_id, descriptor_model, descriptor, ?, id, ?, ? FROM review_items
                WHERE id = ? AND descriptor IS NOT NULL AND descriptor_model IS NOT NULL""",
                Source.REVIEW.column(), reviewer, Timestamps.now(), reviewItemId) > 0;
    }

    /** The student's negatives of one descriptor model, decrypted. */
    public List<float[]> negatives(String studentId, String model) {
        return db.withConnection(c -> Sql.list(c, "SELECT descriptor FROM negative_faces WHERE student_id = ? AND model = ?",
                row -> DescriptorCodec.decode(db.cipher().decrypt(row.getBytes(1))), studentId, model));
    }

    public long count(String studentId) {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM negative_faces WHERE student_id = ?", studentId));
    }

    /**
     * EVIDENCE_RETENTION_DAYS: negatives taught before {@code cutoff} and record faces captured before it are
     * deleted. Returns how many rows went.
     */
    public int expireBefore(Instant cutoff) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM negative_faces WHERE created_at < ?", cutoff)
                + Sql.update(c, "DELETE FROM attendance_faces WHERE captured_at < ?", cutoff));
    }

    static byte[] encrypt(BlobCipher cipher, float[] descriptor) {
        return cipher.encrypt(DescriptorCodec.encode(descriptor));
    }
}

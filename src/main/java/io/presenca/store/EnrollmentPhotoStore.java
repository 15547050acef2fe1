package io.presenca.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The record of every enrollment photo processed. */
public final class EnrollmentPhotoStore {
    private static final String COLUMNS =
            "path, student_id, sha256, size_bytes, modified_at, status, reason, processed_at";

    private final Database db;

    public EnrollmentPhotoStore(Database db) {
        this.db = db;
    }

    public Optional<EnrollmentPhoto> find(String path) {
        return db.withConnection(c -> Sql.first(c,
                "SELECT " + COLUMNS + " FROM enrollment_photos WHERE path = ?", EnrollmentPhotoStore::photo, path));
    }

    /** Inserts or replaces what is known about the photo at {@code photo.path()}. */
    public void save(EnrollmentPhoto photo) {
        db.withConnection(c -> Sql.update(c, "INSERT INTO enrollment_photos(" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET
                    student_id = excluded.student_id, sha256 = excluded.sha256, size_bytes = excluded.size_bytes,
                    modified_at = excluded.modified_at, status = excluded.status, reason = excluded.reason,
                    processed_at = excluded.processed_at""",
                photo.path(), photo.studentId(), photo.sha256(), photo.sizeBytes(), photo.modifiedAt(),
                photo.status().column(), photo.reason(), photo.processedAt()));
    }

    public List<EnrollmentPhoto> all() {
        return db.withConnection(c -> Sql.list(c,
                "SELECT " + COLUMNS + " FROM enrollment_photos ORDER BY path", EnrollmentPhotoStore::photo));
    }

    /** Forgets a photo (it was deleted from the enrollment folder); returns false if unknown. */
    public boolean remove(String path) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM enrollment_photos WHERE path = ?", path)) > 0;
    }

    private static EnrollmentPhoto photo(ResultSet row) throws SQLException {
        return new EnrollmentPhoto(row.getString("path"), row.getString("student_id"), row.getString("sha256"),
                row.getLong("size_bytes"), Sql.instant(row, "modified_at"),
                EnrollmentPhoto.Status.fromColumn(row.getString("status")), row.getString("reason"),
                Sql.instant(row, "processed_at"));
    }
}

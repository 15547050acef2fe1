package io.presenca.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Students. Deleting is soft: attendance records keep pointing at the student, and the
 * student's face templates stop being matched.
 */
public final class StudentStore {
    private static final String COLUMNS = "id, name, class_name, active, deleted_at";

    private final Database db;

    public StudentStore(Database db) {
        this.db = db;
    }

    /**
     * Adds the student or updates their name and class where a value is given: a null keeps what is
     * there, so a folder without {@code student.json} never blanks the name and class the school's
     * central database sent. Re-activates a soft-deleted student, except one the school's central
     * database deleted: photos left in FACES_DIR must not bring them back.
     */
    public void upsert(String id, String name, String className) {
        requireId(id);
        Instant now = Timestamps.now();
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO students(id, name, class_name, active, deleted_at, created_at, updated_at)
                VALUES (?, ?, ?, 1, NULL, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    name = coalesce(excluded.name, students.name),
                    class_name = coalesce(excluded.class_name, students.class_name),
                    active = 1 - students.deleted_centrally,
                    deleted_at = CASE WHEN students.deleted_centrally = 1 THEN students.deleted_at END,
                    updated_at = excluded.updated_at""",
                id, name, className, now, now));
    }

    /** Returns false if there was no such (non-deleted) student. */
    public boolean softDelete(String id) {
        Instant now = Timestamps.now();
        int changed = db.withConnection(c -> Sql.update(c,
                "UPDATE students SET active = 0, deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                now, now, id));
        return changed > 0;
    }

    /** Finds the student whether active or soft-deleted. */
    public Optional<Student> find(String id) {
        return db.withConnection(c -> Sql.first(c,
                "SELECT " + COLUMNS + " FROM students WHERE id = ?", StudentStore::student, id));
    }

    public List<Student> findActive() {
        return db.withConnection(c -> Sql.list(c, "SELECT " + COLUMNS
                + " FROM students WHERE active = 1 AND deleted_at IS NULL ORDER BY name, id", StudentStore::student));
    }

    private static Student student(ResultSet row) throws SQLException {
        boolean active = row.getInt("active") == 1 && row.getString("deleted_at") == null;
        return new Student(row.getString("id"), row.getString("name"), row.getString("class_name"), active);
    }

    static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A student id is required (got '" + id + "')");
        }
    }
}

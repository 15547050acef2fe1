package io.presenca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's copy of the central students and their templates. Changes arrive in increments;
 * each increment is applied with its cursor in one transaction, so a crash never skips or half-applies one.
 * Applying the same increment twice changes nothing the second time.
 */
public final class CentralCopyStore {

    /** What an increment changed locally. */
    public record Applied(int studentsChanged, int studentsDeactivated, int templatesAdded, int templatesRemoved,
                          int templatesSkipped) {
        public boolean templatesChanged() {
            return templatesAdded + templatesRemoved + studentsChanged + studentsDeactivated > 0;
        }
    }

    private final Database db;

    public CentralCopyStore(Database db) {
        this.db = db;
    }

    /** Where the incremental sync called {@code name} stopped last time, as that sync wrote it, if it ever ran. */
    public Optional<String> cursor(String name) {
        return db.withConnection(c -> Sql.first(c, "SELECT value FROM sync_cursors WHERE name = ?",
                row -> row.getString("value"), name));
    }

    public Applied apply(List<CentralStudent> students, List<CentralTemplate> templates, String cursorName,
                         String cursor) {
        return db.inTransaction(c -> {
            Instant now = Timestamps.now();
            int changed = 0;
            int deactivated = 0;
            int removedForConsent = 0;
            for (CentralStudent student : students) {
                if (student.deleted()) {
                    deactivated += deactivate(c, student, now);
                } else {
                    changed += upsertActive(c, student, now);
                    if (student.consent() != null && ConsentStore.record(c, student.consent())
                            && student.consent().revokedOn() != null) {
                        // withdrawn: stops matching with the gallery reload that follows; the rest of the
                        // face data goes with the daily retention step
                        removedForConsent += Sql.update(c, "DELETE FROM face_templates WHERE student_id = ?", student.id());
                    }
                }
            }
            int added = 0;
            int removed = 0;
            int skipped = 0;
            for (CentralTemplate template : templates) {
                if (template.deleted()) {
                    removed += Sql.update(c, "DELETE FROM face_templates WHERE central_id = ?", template.id());
                } else if (!Sql.exists(c, "SELECT 1 FROM students WHERE id = ? AND deleted_centrally = 0",
                        template.studentId())) {
                    skipped++;
                } else if (Sql.exists(c, "SELECT 1 FROM student_consents WHERE student_id = ? AND revoked_at IS NOT NULL",
                        template.studentId())) {
                    removed += Sql.update(c, "DELETE FROM face_templates WHERE central_id = ?", template.id());
                } else if (!Sql.exists(c, """
                        SELECT 1 FROM face_templates
                        WHERE central_id = ? AND student_id = ? AND model = ? AND photo_sha256 = ?""",
                        template.id(), template.studentId(), template.model(), template.descriptorSha256())) {
                    removed += Sql.update(c, "DELETE FROM face_templates WHERE central_id = ?", template.id());
                    added += Sql.update(c, """
                            INSERT INTO face_templates(student_id, model, descriptor, photo_path, photo_sha256, quality,
                                created_at, central_id)
                            VALUES (?, ?, ?, NULL, ?, NULL, ?, ?)
                            ON CONFLICT(student_id, model, photo_sha256) DO NOTHING""",
                            template.studentId(), template.model(), db.cipher().encrypt(template.descriptor()),
                            template.descriptorSha256(),
                            now, template.id());
                }
            }
            if (cursor != null) {
                Sql.update(c, """
                        INSERT INTO sync_cursors(name, value, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
                        cursorName, cursor, now);
            }
            return new Applied(changed, deactivated, added, removed + removedForConsent, skipped);
        });
    }

    /** Adds the student or brings name, class and active state in line; 0 when nothing differed. */
    private static int upsertActive(Connection c, CentralStudent s, Instant now) throws SQLException {
        return Sql.update(c, """
                INSERT INTO students(id, name, class_name, active, deleted_at, created_at, updated_at,
                    deleted_centrally, central_updated_at)
                VALUES (?, ?, ?, 1, NULL, ?, ?, 0, ?)
                ON CONFLICT(id) DO UPDATE SET
                    name = excluded.name, class_name = excluded.class_name, active = 1, deleted_at = NULL,
                    deleted_centrally = 0, updated_at = excluded.updated_at,
                    central_updated_at = excluded.central_updated_at
                WHERE students.name IS NOT excluded.name OR students.class_name IS NOT excluded.class_name
                    OR students.active = 0 OR students.deleted_at IS NOT NULL OR students.deleted_centrally = 1""",
                s.id(), s.name(), s.className(), now, now, s.updatedAt());
    }

    /** Deactivates a known student: their templates stop matching, their records stay. */
    private static int deactivate(Connection c, CentralStudent s, Instant now) throws SQLException {
        return Sql.update(c, """
                UPDATE students
                SET active = 0, deleted_at = coalesce(deleted_at, ?), deleted_centrally = 1, updated_at = ?,
                    central_updated_at = ?
                WHERE id = ? AND deleted_centrally = 0""",
                s.deletedAt(), now, s.updatedAt(), s.id());
    }
}

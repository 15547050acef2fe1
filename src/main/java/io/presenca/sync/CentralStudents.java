package io.presenca.sync;

import io.presenca.store.CentralCopyStore;
import io.presenca.store.CentralStudent;
import io.presenca.store.Consent;
import io.presenca.store.CentralTemplate;
import io.presenca.store.Sql;
import io.presenca.vision.Sha256;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/**
 * Route step of the student sync: reads from PostgreSQL the students and templates changed since
 * the last sync (by {@code updated_at}). The read starts {@link #OVERLAP} before the saved cursor, so
 * a change whose transaction committed late is not skipped; applying a change twice is harmless.
 */
public final class CentralStudents {

    public static final String CURSOR = "students";
    static final Duration OVERLAP = Duration.ofMinutes(10);

    /** What changed centrally, and the cursor to save once it is applied. */
    public record Changes(List<CentralStudent> students, List<CentralTemplate> templates, Instant cursor) {
    }

    private final CentralDatabase central;
    private final CentralCopyStore local;

    public CentralStudents(CentralDatabase central, CentralCopyStore local) {
        this.central = central;
        this.local = local;
    }

    public Changes changesSinceLastSync() {
        central.checkReady();
        OffsetDateTime since = local.cursor(CURSOR).map(c -> c.minus(OVERLAP))
                .orElse(Instant.EPOCH).atOffset(ZoneOffset.UTC);
        try (Connection c = central.connect()) {
            c.setReadOnly(true);
            List<CentralStudent> students = Sql.list(c, """
                    SELECT id, name, class_name, updated_at, deleted_at,
                           consent_given_by, consent_given_on, consent_scope, consent_revoked_on FROM students
                    WHERE updated_at > ? ORDER BY updated_at, id""",
                    row -> new CentralStudent(row.getString("id"), row.getString("name"), row.getString("class_name"),
                            instant(row, "updated_at"), instant(row, "deleted_at"), consent(row)),
                    since);
            // A student's deletion also withdraws their templates, so their changes count too.
            List<CentralTemplate> templates = Sql.list(c, """
                    SELECT t.id, t.student_id, t.model, t.descriptor, greatest(t.updated_at, s.updated_at) AS changed_at,
                           (t.deleted_at IS NOT NULL OR s.deleted_at IS NOT NULL) AS deleted
                    FROM face_templates t JOIN students s ON s.id = t.student_id
                    WHERE t.updated_at > ? OR s.updated_at > ? ORDER BY changed_at, t.id""",
                    row -> {
                        byte[] descriptor = row.getBytes("descriptor");
                        return new CentralTemplate(row.getString("id"), row.getString("student_id"),
                                row.getString("model"), descriptor, Sha256.of(descriptor),
                                instant(row, "changed_at"), row.getBoolean("deleted"));
                    },
                    since, since);
            Instant cursor = Stream.concat(students.stream().map(CentralStudent::updatedAt),
                    templates.stream().map(CentralTemplate::updatedAt)).max(Instant::compareTo).orElse(null);
            return new Changes(students, templates, cursor);
        } catch (SQLException e) {
            throw new RetryableSyncException(RetryableSyncException.Kind.CENTRAL_DATABASE,
                    central.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The consent columns of a student row (V2), or null when all are empty. */
    private static Consent consent(ResultSet row) throws SQLException {
        String givenBy = row.getString("consent_given_by");
        java.sql.Date givenOn = row.getDate("consent_given_on");
        String scope = row.getString("consent_scope");
        java.sql.Date revokedOn = row.getDate("consent_revoked_on");
        if (givenBy == null && givenOn == null && scope == null && revokedOn == null) {
            return null;
        }
        return new Consent(row.getString("id"), givenBy, givenOn == null ? null : givenOn.toLocalDate(), scope,
                revokedOn == null ? null : revokedOn.toLocalDate(), Consent.FROM_CENTRAL);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}

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
import java.time.Instant;
import java.util.List;

/**
 * Route step of the student sync: reads from PostgreSQL the students and templates changed since
 * the last read. The cursor is the server's own: the snapshot the last read ran in. A change is read
 * exactly when its transaction (central migration V4 notes it with each change) was not visible in
 * that snapshot, so a transaction that commits after a later one was read is read next time, and no
 * row is read twice. Clocks and commit order do not matter.
 */
public final class CentralStudents {

    public static final String CURSOR = "students-snapshot";

    /** What changed centrally, oldest change first, and the snapshot to save as the cursor once it is applied. */
    public record Changes(List<CentralStudent> students, List<CentralTemplate> templates, String snapshot) {
    }

    /** Rows whose last change the previous read's snapshot did not see; every row when there was none. */
    private static final String CHANGED = """
            (CAST(? AS pg_snapshot) IS NULL OR (%1$s.change_xid >= pg_snapshot_xmin(CAST(? AS pg_snapshot))
                AND NOT pg_visible_in_snapshot(%1$s.change_xid, CAST(? AS pg_snapshot))))""";

    private final CentralDatabase central;
    private final CentralCopyStore local;

    public CentralStudents(CentralDatabase central, CentralCopyStore local) {
        this.central = central;
        this.local = local;
    }

    public Changes changesSinceLastSync() {
        central.checkReady();
        String since = local.cursor(CURSOR).orElse(null);
        try (Connection c = central.connect()) {
            c.setReadOnly(true);
            // one snapshot for the reads and the cursor they leave
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return Sql.inTransaction(c, tx -> {
                String snapshot = Sql.first(tx, "SELECT pg_current_snapshot()::text", row -> row.getString(1))
                        .orElseThrow();
                List<CentralStudent> students = Sql.list(tx, """
                        SELECT id, name, class_name, updated_at, deleted_at,
                               consent_given_by, consent_given_on, consent_scope, consent_revoked_on FROM students s
                        WHERE """ + CHANGED.formatted("s") + " ORDER BY change_seq NULLS FIRST, id",
                        row -> new CentralStudent(row.getString("id"), row.getString("name"), row.getString("class_name"),
                                instant(row, "updated_at"), instant(row, "deleted_at"), consent(row)),
                        since, since, since);
                // A student's deletion also withdraws their templates, so their changes count too.
                List<CentralTemplate> templates = Sql.list(tx, """
                        SELECT t.id, t.student_id, t.model, t.descriptor, greatest(t.updated_at, s.updated_at) AS changed_at,
                               (t.deleted_at IS NOT NULL OR s.deleted_at IS NOT NULL) AS deleted
                        FROM face_templates t JOIN students s ON s.id = t.student_id
                        WHERE """ + CHANGED.formatted("t") + " OR " + CHANGED.formatted("s") + """
                         ORDER BY greatest(t.change_seq, s.change_seq) NULLS FIRST, t.id""",
                        row -> {
                            byte[] descriptor = row.getBytes("descriptor");
                            return new CentralTemplate(row.getString("id"), row.getString("student_id"),
                                    row.getString("model"), descriptor, Sha256.of(descriptor),
                                    instant(row, "changed_at"), row.getBoolean("deleted"));
                        },
                        since, since, since, since, since, since);
                return new Changes(students, templates, snapshot);
            });
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

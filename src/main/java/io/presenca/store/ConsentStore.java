package io.presenca.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Consent records, one per student, whichever source recorded them last. A withdrawal is never
 * undone by an older grant: a student file or central row still saying "given on 2026-02-01" does not
 * override a revocation of 2026-05-01; only consent given again on or after that day does.
 */
public final class ConsentStore {

    private final Database db;

    public ConsentStore(Database db) {
        this.db = db;
    }

    public Optional<Consent> find(String studentId) {
        return db.withConnection(c -> Sql.first(c, "SELECT * FROM student_consents WHERE student_id = ?",
                ConsentStore::consent, studentId));
    }

    /** True when the student's consent is given and not withdrawn. */
    public boolean inForce(String studentId) {
        return find(studentId).map(Consent::inForce).orElse(false);
    }

    /** Whether the student may be matched: never after a withdrawal; with {@code required}, only while in force. */
    public boolean mayMatch(String studentId, boolean required) {
        Optional<Consent> consent = find(studentId);
        if (consent.isPresent() && consent.get().revokedOn() != null) {
            return false;
        }
        return !required || consent.map(Consent::inForce).orElse(false);
    }

    /** Students whose consent is withdrawn, by id. */
    public List<String> revoked() {
        return db.withConnection(c -> Sql.list(c,
                "SELECT student_id FROM student_consents WHERE revoked_at IS NOT NULL ORDER BY student_id",
                row -> row.getString(1)));
    }

    /**
     * Records {@code consent} unless it would undo a later withdrawal (see the class comment) or changes
     * nothing. Returns true when the stored record changed.
     */
    public boolean record(Consent consent) {
        return db.inTransaction(c -> record(c, consent));
    }

    /** {@link #record(Consent)} inside the caller's transaction (the student sync's). */
    static boolean record(java.sql.Connection c, Consent consent) throws SQLException {
        StudentStore.requireId(consent.studentId());
        {
            Optional<Consent> stored = Sql.first(c, "SELECT * FROM student_consents WHERE student_id = ?",
                    ConsentStore::consent, consent.studentId());
            if (stored.isPresent() && sameTerms(stored.get(), consent)) {
                return false;
            }
            if (stored.isPresent() && revokesLater(stored.get(), consent)) {
                return false;
            }
            Sql.update(c, """
                    INSERT INTO student_consents(student_id, given_by, given_at, scope, revoked_at, source, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(student_id) DO UPDATE SET given_by = excluded.given_by, given_at = excluded.given_at,
                        scope = excluded.scope, revoked_at = excluded.revoked_at, source = excluded.source,
                        updated_at = excluded.updated_at""",
                    consent.studentId(), consent.givenBy(), text(consent.givenOn()), consent.scope(),
                    text(consent.revokedOn()), consent.source(), Timestamps.now());
            return true;
        }
    }

    /** Removes the student's consent record (erasure); returns how many rows went. */
    public int forget(String studentId) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM student_consents WHERE student_id = ?", studentId));
    }

    private static boolean sameTerms(Consent a, Consent b) {
        return java.util.Objects.equals(a.givenBy(), b.givenBy()) && java.util.Objects.equals(a.givenOn(), b.givenOn())
                && java.util.Objects.equals(a.scope(), b.scope()) && java.util.Objects.equals(a.revokedOn(), b.revokedOn());
    }

    /** The stored withdrawal stands against a grant not given again since. */
    private static boolean revokesLater(Consent stored, Consent incoming) {
        return stored.revokedOn() != null && incoming.revokedOn() == null
                && (incoming.givenOn() == null || incoming.givenOn().isBefore(stored.revokedOn()));
    }

    private static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private static LocalDate day(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : LocalDate.parse(text);
    }

    private static Consent consent(ResultSet row) throws SQLException {
        return new Consent(row.getString("student_id"), row.getString("given_by"), day(row, "given_at"),
                row.getString("scope"), day(row, "revoked_at"), row.getString("source"));
    }
}

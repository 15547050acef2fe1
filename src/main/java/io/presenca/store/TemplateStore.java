package io.presenca.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Face templates (descriptors) per student and recognition model. */
public final class TemplateStore {
    /** The templates that may be matched: active students, consent not withdrawn (and in force when required). */
    private static final String MATCHABLE = """
             FROM face_templates t JOIN students s ON s.id = t.student_id
            LEFT JOIN student_consents k ON k.student_id = t.student_id
            WHERE t.model = ? AND s.active = 1 AND s.deleted_at IS NULL AND k.revoked_at IS NULL
              AND (? = 0 OR (k.given_by IS NOT NULL AND k.given_at IS NOT NULL))""";

    private final Database db;

    public TemplateStore(Database db) {
        this.db = db;
    }

    /**
     * Stores a template; returns false if this student already has one for the same model and
     * photo content (re-running enrollment must not duplicate templates).
     */
    public boolean add(String studentId, String model, float[] descriptor, String photoPath, String photoSha256,
                       double quality) {
        StudentStore.requireId(studentId);
        int inserted = db.withConnection(c -> Sql.update(c, """
                INSERT INTO face_templates(student_id, model, descriptor, photo_path, photo_sha256, quality, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(student_id, model, photo_sha256) DO NOTHING""",
                studentId, model, db.cipher().encrypt(DescriptorCodec.encode(descriptor)), photoPath, photoSha256, quality,
                Timestamps.now()));
        return inserted > 0;
    }

    /**
     * The photo contents, as (student id, photo sha256) pairs, that already have a template of
     * {@code model}; templates are unique per student, model and content, so twin photos share one.
     */
    public Set<List<String>> describedPhotos(String model) {
        return new HashSet<>(db.withConnection(c -> Sql.list(c,
                "SELECT student_id, photo_sha256 FROM face_templates WHERE model = ? AND photo_path IS NOT NULL",
                row -> List.of(row.getString(1), row.getString(2)), model)));
    }

    /** Removes the templates made from a photo (it changed or was deleted); returns how many. */
    public int removeForPhoto(String photoPath) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM face_templates WHERE photo_path = ?", photoPath));
    }

    /**
     * A cheap summary of {@link #activeTemplates(String, boolean)} ("count:sum of ids"): when it differs
     * from the last load, another process (a consent withdrawal, an erase) changed what may be matched.
     */
    public String activeFingerprint(String model, boolean consentRequired) {
        return db.withConnection(c -> Sql.first(c, "SELECT count(*), total(t.id)" + MATCHABLE,
                row -> row.getLong(1) + ":" + row.getLong(2), model, consentRequired ? 1 : 0).orElse("0:0"));
    }

    /** Removes every template of a student (consent withdrawn, erasure); returns how many. */
    public int removeForStudent(String studentId) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM face_templates WHERE student_id = ?", studentId));
    }

    /** Templates of active, non-deleted students for one model, in a stable order; never of withdrawn consent. */
    public List<StoredTemplate> activeTemplates(String model) {
        return activeTemplates(model, false);
    }

    /** The same; with {@code consentRequired}, only of students whose consent is in force (REQUIRE_CONSENT). */
    public List<StoredTemplate> activeTemplates(String model, boolean consentRequired) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT t.id, t.student_id, t.descriptor""" + MATCHABLE + " ORDER BY t.id",
                row -> new StoredTemplate(row.getLong("id"), row.getString("student_id"),
                        DescriptorCodec.decode(db.cipher().decrypt(row.getBytes("descriptor")))),
                model, consentRequired ? 1 : 0));
    }
}

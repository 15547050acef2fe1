package io.presenca.store;

import java.util.List;

/** Face templates (descriptors) per student and recognition model. */
public final class TemplateStore {
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
                studentId, model, DescriptorCodec.encode(descriptor), photoPath, photoSha256, quality,
                Timestamps.now()));
        return inserted > 0;
    }

    /** Removes the templates made from a photo (it changed or was deleted); returns how many. */
    public int removeForPhoto(String photoPath) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM face_templates WHERE photo_path = ?", photoPath));
    }

    /** Templates of active, non-deleted students for one model, in a stable order. */
    public List<StoredTemplate> activeTemplates(String model) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT t.id, t.student_id, t.descriptor
                FROM face_templates t JOIN students s ON s.id = t.student_id
                WHERE t.model = ? AND s.active = 1 AND s.deleted_at IS NULL
                ORDER BY t.id""",
                row -> new StoredTemplate(row.getLong("id"), row.getString("student_id"),
                        DescriptorCodec.decode(row.getBytes("descriptor"))),
                model));
    }
}

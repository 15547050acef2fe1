package io.presenca.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Which enrollment templates have a face in which Rekognition collection. What should be there (the
 * templates of active students made from a photo on this gateway) is compared with what is there, so
 * a photo added, replaced or deleted, or a student removed, is indexed or deleted on the next sync
 * whenever it happened, online or not.
 */
public final class RekognitionFaceStore {

    private final Database db;

    public RekognitionFaceStore(Database db) {
        this.db = db;
    }

    /** Templates of active students with a local photo and no row yet in the collection, oldest first. */
    public List<TemplatePhoto> unindexed(String collectionId, String model) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT t.id, t.student_id, t.photo_path
                FROM face_templates t JOIN students s ON s.id = t.student_id
                WHERE t.model = ? AND t.photo_path IS NOT NULL AND s.active = 1 AND s.deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM rekognition_faces r WHERE r.collection_id = ? AND r.template_id = t.id)
                ORDER BY t.id""",
                row -> new TemplatePhoto(row.getLong("id"), row.getString("student_id"), row.getString("photo_path")),
                model, collectionId));
    }

    /** Rows whose template is gone or whose student is no longer active: their faces must be deleted. */
    public List<IndexedFace> stale(String collectionId, String model) {
        return db.withConnection(c -> Sql.list(c, """
                SELECT r.* FROM rekognition_faces r
                WHERE r.collection_id = ? AND NOT EXISTS (
                    SELECT 1 FROM face_templates t JOIN students s ON s.id = t.student_id
                    WHERE t.id = r.template_id AND t.model = ? AND s.active = 1 AND s.deleted_at IS NULL)
                ORDER BY r.template_id""",
                RekognitionFaceStore::face, collectionId, model));
    }

    public List<IndexedFace> all(String collectionId) {
        return db.withConnection(c -> Sql.list(c,
                "SELECT * FROM rekognition_faces WHERE collection_id = ? ORDER BY template_id",
                RekognitionFaceStore::face, collectionId));
    }

    /** Remembers what IndexFaces did with a template's photo: {@code faceId} or, when null, {@code refusal}. */
    public void save(String collectionId, TemplatePhoto template, String faceId, String refusal) {
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO rekognition_faces(collection_id, template_id, student_id, photo_path, face_id, refusal, indexed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(collection_id, template_id) DO UPDATE SET
                    face_id = excluded.face_id, refusal = excluded.refusal, indexed_at = excluded.indexed_at""",
                collectionId, template.templateId(), template.studentId(), template.photoPath(), faceId, refusal,
                Timestamps.now()));
    }

    /** Forgets rows whose faces were deleted from the collection (or never made). */
    public void forget(String collectionId, Collection<Long> templateIds) {
        db.inTransaction(c -> {
            for (long templateId : templateIds) {
                Sql.update(c, "DELETE FROM rekognition_faces WHERE collection_id = ? AND template_id = ?",
                        collectionId, templateId);
            }
            return null;
        });
    }

    /** Forgets a whole collection: it was deleted or re-created empty, so every template must be indexed again. */
    public int forgetCollection(String collectionId) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM rekognition_faces WHERE collection_id = ?", collectionId));
    }

    private static IndexedFace face(ResultSet row) throws SQLException {
        return new IndexedFace(row.getString("collection_id"), row.getLong("template_id"), row.getString("student_id"),
                row.getString("photo_path"), row.getString("face_id"), row.getString("refusal"),
                Sql.instant(row, "indexed_at"));
    }
}

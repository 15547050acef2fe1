package io.presenca.store;

import java.time.Instant;

/** Crops of faces that matched nobody, encrypted; written only when the school opted in (KEEP_UNKNOWN_CROPS). */
public final class UnknownFaceStore {

    private final Database db;

    public UnknownFaceStore(Database db) {
        this.db = db;
    }

    public void keep(String deviceId, Instant capturedAt, byte[] faceJpeg) {
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO unknown_faces(device_id, captured_at, face_jpeg, created_at) VALUES (?, ?, ?, ?)""",
                deviceId, capturedAt, db.cipher().encrypt(faceJpeg), Timestamps.now()));
    }

    /** Deletes the crops captured before {@code cutoff} (EVIDENCE_RETENTION_DAYS); returns how many. */
    public int deleteCapturedBefore(Instant cutoff) {
        return db.withConnection(c -> Sql.update(c, "DELETE FROM unknown_faces WHERE captured_at < ?", cutoff));
    }

    public long count() {
        return db.withConnection(c -> Sql.count(c, "SELECT count(*) FROM unknown_faces"));
    }
}

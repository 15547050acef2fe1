package io.presenca.store;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts the face templates and crops a gateway stored before encryption existed, at start; then
 * compacts the file so their plaintext is not left in free pages or the write-ahead log.
 */
final class BlobEncryption {

    private static final Logger LOG = LoggerFactory.getLogger(BlobEncryption.class);

    /** table, key column, blob column: every column that holds a face. */
    private static final List<String[]> FACE_COLUMNS = List.of(
            new String[] {"face_templates", "id", "descriptor"},
            new String[] {"review_items", "id", "face_jpeg"},
            new String[] {"rekognition_rechecks", "attendance_id", "crop"});

    private record Plain(Object key, byte[] blob) {
    }

    private BlobEncryption() {
    }

    static int encryptPlaintext(Database db) {
        int encrypted = 0;
        for (String[] column : FACE_COLUMNS) {
            String table = column[0];
            String key = column[1];
            String blob = column[2];
            encrypted += db.inTransaction(c -> {
                List<Plain> plain = Sql.list(c, "SELECT " + key + ", " + blob + " FROM " + table + " WHERE " + blob
                        + " IS NOT NULL AND substr(" + blob + ", 1, 5) != X'50454E4331'",
                        row -> new Plain(row.getObject(1), row.getBytes(2)));
                for (Plain row : plain) {
                    Sql.update(c, "UPDATE " + table + " SET " + blob + " = ? WHERE " + key + " = ?",
                            db.cipher().encrypt(row.blob()), row.key());
                }
                return plain.size();
            });
        }
        if (encrypted > 0) {
            db.compact();
            LOG.info("Encrypted {} face templates and crops stored before encryption (AES-256-GCM)", encrypted);
        }
        return encrypted;
    }
}

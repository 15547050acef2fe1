package io.presenca.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Templates and crops encrypted at rest, owner-only files, and the conversion of older plaintext rows. */
class BlobCipherTest {

    private final Path folder = TestFiles.freshFolder().resolve("data");
    private final Path file = folder.resolve("attendance.db");

    private static float[] descriptor() {
        float[] d = new float[128];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sin(i + 1.5);
        }
        return d;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private byte[] rawFiles() throws Exception {
        byte[] db = Files.readAllBytes(file);
        Path wal = Path.of(file + "-wal");
        byte[] log = Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0];
        byte[] all = Arrays.copyOf(db, db.length + log.length);
        System.arraycopy(log, 0, all, db.length, log.length);
        return all;
    }

    @Test
    void templatesAreStoredEncryptedUnderAKeyFileMadeOnFirstStartOwnerOnly() throws Exception {
        Database db = Database.open(file);
        new StudentStore(db).upsert("s1", null, null);
        new TemplateStore(db).add("s1", "m", descriptor(), "s1/a.jpg", "sha", 1);

        Path key = folder.resolve(Database.DEFAULT_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(key).strip()).length);

        byte[] stored = db.withConnection(c -> Sql.first(c, "SELECT descriptor FROM face_templates", r -> r.getBytes(1))).orElseThrow();
        assertTrue(BlobCipher.isEncrypted(stored));
        byte[] plain = DescriptorCodec.encode(descriptor());
        assertTrue(!contains(rawFiles(), Arrays.copyOfRange(plain, 0, 64)), "no plaintext template in the file or its log");
        assertArrayEquals(descriptor(), new TemplateStore(Database.open(file)).activeTemplates("m").get(0).descriptor(),
                "read back with the same key file on the next start");
    }

    @Test
    void plaintextRowsFromBeforeAreEncryptedAtStartAndLeaveNoTrace() throws Exception {
        Database db = Database.open(file);
        new StudentStore(db).upsert("s1", null, null);
        byte[] plain = DescriptorCodec.encode(descriptor());
        byte[] crop = new byte[3000];
        new java.util.Random(7).nextBytes(crop);
        // as a gateway before encryption wrote them
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO face_templates(student_id, model, descriptor, photo_sha256, created_at)
                VALUES ('s1', 'm', ?, 'sha', '2026-01-01T00:00:00.000Z')""", plain));
        db.withConnection(c -> Sql.update(c, """
                INSERT INTO review_items(id, student_id, device_id, captured_at, reason, distance, confidence, matcher,
                    face_jpeg, created_at) VALUES ('r1', 's1', 'd', '2026-01-01T00:00:00.000Z', 'low_margin', 0.4, 96,
                    'local', ?, '2026-01-01T00:00:00.000Z')""", crop));
        assertTrue(contains(rawFiles(), Arrays.copyOfRange(plain, 0, 64)));

        Database reopened = Database.open(file);
        assertArrayEquals(descriptor(), new TemplateStore(reopened).activeTemplates("m").get(0).descriptor());
        assertArrayEquals(crop, new ReviewStore(reopened).open().get(0).faceJpeg());
        byte[] raw = rawFiles();
        assertTrue(!contains(raw, Arrays.copyOfRange(plain, 0, 64)), "template plaintext gone from file and log");
        assertTrue(!contains(raw, Arrays.copyOfRange(crop, 1000, 1064)), "crop plaintext gone too");
    }

    @Test
    void theWrongKeySaysSoInsteadOfMatchingGarbage() {
        Database db = Database.open(file);
        new StudentStore(db).upsert("s1", null, null);
        new TemplateStore(db).add("s1", "m", descriptor(), "s1/a.jpg", "sha", 1);
        byte[] other = new byte[32];
        Database wrong = Database.open(file, BlobCipher.ofBase64(Base64.getEncoder().encodeToString(other), "PRESENCA_KEY"));
        DatabaseException e = assertThrows(DatabaseException.class, () -> new TemplateStore(wrong).activeTemplates("m"));
        assertTrue(e.getMessage().contains("cannot be decrypted with the key from PRESENCA_KEY"), e.getMessage());
        assertThrows(DatabaseException.class, () -> BlobCipher.ofBase64("c2hvcnQ=", "PRESENCA_KEY"));
    }
}

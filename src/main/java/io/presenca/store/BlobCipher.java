package io.presenca.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Face templates and crops encrypted at rest: AES-256-GCM, a fresh 12-byte nonce per blob, stored as
 * {@code "PENC1" + nonce + ciphertext + tag}. A copy of the database file alone reveals no face.
 * Blobs without the prefix are plaintext from before encryption; {@link BlobEncryption} converts them.
 */
public final class BlobCipher {

    static final byte[] MAGIC = "PENC1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String origin;

    private BlobCipher(byte[] key, String origin) {
        if (key.length != 32) {
            throw new DatabaseException("The encryption key from " + origin + " is " + key.length
                    + " bytes; it must be 32 (AES-256), base64-encoded.");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.origin = origin;
    }

    /** A key given as base64 text, e.g. from PRESENCA_KEY. */
    public static BlobCipher ofBase64(String base64, String origin) {
        try {
            return new BlobCipher(Base64.getDecoder().decode(base64.strip()), origin);
        } catch (IllegalArgumentException e) {
            throw new DatabaseException("The encryption key from " + origin + " is not base64 text: " + e.getMessage());
        }
    }

    /**
     * The key in {@code file}, created (32 random bytes, base64, owner read/write only) when absent: on
     * first start. Keep a copy somewhere safe: without it the stored templates cannot be read back.
     */
    public static BlobCipher fromKeyFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (!Files.exists(absolute)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                OwnerOnlyFiles.createDirectories(absolute.getParent());
                // written whole under a temporary name, then linked into place: a process starting at the
                // same moment sees either no key file or a complete one, and the first link wins
                Path written = absolute.resolveSibling(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
                OwnerOnlyFiles.createFile(written);
                try {
                    Files.writeString(written, Base64.getEncoder().encodeToString(key) + System.lineSeparator());
                    Files.createLink(absolute, written);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } finally {
                    Files.deleteIfExists(written);
                }
            }
            return ofBase64(Files.readString(absolute), "the key file " + absolute);
        } catch (IOException | SecurityException e) {
            throw new DatabaseException("Cannot read or create the encryption key file " + absolute + ": " + e
                    + ". Check PRESENCA_KEY_FILE and the folder's permissions.", e);
        }
    }

    public byte[] encrypt(byte[] plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(MAGIC.length + NONCE + sealed.length).put(MAGIC).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The plaintext of a stored blob; a blob from before encryption is returned as it is. */
    public byte[] decrypt(byte[] stored) {
        if (stored == null || !isEncrypted(stored)) {
            return stored;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, MAGIC.length, NONCE));
            return cipher.doFinal(stored, MAGIC.length + NONCE, stored.length - MAGIC.length - NONCE);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DatabaseException("A stored face template or crop cannot be decrypted with the key from " + origin
                    + ": it is not the key the database was written with (set PRESENCA_KEY_FILE or PRESENCA_KEY to that"
                    + " key), or the row is damaged.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    static boolean isEncrypted(byte[] stored) {
        return stored.length > MAGIC.length + NONCE && Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }
}

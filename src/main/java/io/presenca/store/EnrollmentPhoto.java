package io.presenca.store;

import java.time.Instant;

/**
 * What enrollment remembers about a photo it processed, so an unchanged photo (same sha256)
 * is not processed again, whether it was accepted or rejected.
 *
 * @param modifiedAt the file's last-modified time, may be null
 * @param reason     why it was rejected (or a note), may be null
 */
public record EnrollmentPhoto(String path, String studentId, String sha256, long sizeBytes, Instant modifiedAt,
                              Status status, String reason, Instant processedAt) {

    public enum Status {
        ACCEPTED, REJECTED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromColumn(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}

package io.presenca.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A confirmed student at the door, as it becomes an attendance record: no face data, only who, when,
 * where, how sure and who decided. {@code id} is the record's id, so writing the same sighting twice
 * (after a crash between the commit and forgetting it) makes one record.
 */
public record Sighting(String id, String studentId, String deviceId, Instant capturedAt, double confidence,
                       double distance, String matcher) {

    public static Sighting of(String studentId, String deviceId, Instant capturedAt, double confidence, double distance,
                              String matcher) {
        return new Sighting(UUID.randomUUID().toString(), studentId, deviceId, capturedAt, confidence, distance, matcher);
    }
}

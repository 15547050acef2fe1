package io.presenca.store;

import java.time.Instant;

/** An attendance record waiting to be synced, with the number of attempts already made. */
public record PendingRecord(String id, String studentId, String deviceId, Instant capturedAt, Double confidence,
                            Double distance, String matcher, int attempts) {
}

package io.presenca.store;

import java.time.Instant;

/** A face held for a person to decide on; {@code runnerUpId} and {@code faceJpeg} may be null. */
public record ReviewItem(String id, String studentId, String runnerUpId, String deviceId, Instant capturedAt,
                         String reason, double distance, Double runnerUpDistance, double confidence, String matcher,
                         byte[] faceJpeg, String status, Instant createdAt) {
}

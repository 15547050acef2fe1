package io.presenca.store;

import java.time.Instant;

/** An attendance record made by the local fallback, with the face crop to check it with Rekognition. */
public record PendingRecheck(String attendanceId, String studentId, String deviceId, Instant capturedAt,
                             Double confidence, Double distance, byte[] crop) {
}

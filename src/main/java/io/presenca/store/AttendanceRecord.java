package io.presenca.store;

import java.time.Instant;

/** One row of {@code attendance_records}. Confidence and distance may be null in the table. */
public record AttendanceRecord(String id, String studentId, String deviceId, Instant capturedAt, Double confidence,
                               Double distance, String matcher, SyncStatus syncStatus, int syncAttempts,
                               String lastSyncError, Instant syncedAt, Instant createdAt) {
}

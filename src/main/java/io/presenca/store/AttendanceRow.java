package io.presenca.store;

import java.time.Instant;

/** An attendance record with the student's name and class, for reports and CSV export. */
public record AttendanceRow(String recordId, String studentId, String name, String className, Instant capturedAt,
                            String deviceId, Double confidence, String matcher, SyncStatus syncStatus,
                            Double distance) {
}

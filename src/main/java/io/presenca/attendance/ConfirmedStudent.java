package io.presenca.attendance;

import java.time.Instant;

/** A student that consensus agreed on: seen in {@code frames} recent frames at this mean distance. */
public record ConfirmedStudent(String studentId, Instant capturedAt, double meanDistance, double similarity, int frames,
                               String origin) {
}

package io.presenca.store;

import java.time.Instant;

/** When a record whose sync attempt just failed may be sent again. */
public record RetryPlan(String recordId, Instant nextAttemptAt) {
}

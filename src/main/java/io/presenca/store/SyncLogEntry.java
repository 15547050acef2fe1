package io.presenca.store;

import java.time.Instant;

/**
 * One {@code sync_logs} row: a batch of records sent to the central side. {@code failed} counts the
 * records left pending (or moved to dead letters); {@code error} is null when the batch went through.
 */
public record SyncLogEntry(Instant startedAt, Instant finishedAt, int recordsSent, int accepted, int rejected,
                           int failed, String error) {
}

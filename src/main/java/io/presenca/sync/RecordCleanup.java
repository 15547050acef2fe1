package io.presenca.sync;

import io.presenca.store.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily route step: deletes local records older than CLEANUP_DAYS once the central side has them
 * (synced). Pending records are never deleted, nor are rejected and dead ones: nobody may have seen
 * them yet, so they stay (counted on the dashboard) until a person has dealt with them.
 */
public final class RecordCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RecordCleanup.class);

    private final SyncQueue queue;
    private final int days;
    private final Clock clock;

    public RecordCleanup(SyncQueue queue, int days, Clock clock) {
        this.queue = queue;
        this.days = days;
        this.clock = clock;
    }

    /** (The name routes in schools' own routes/ folders call; "settled" now means synced only.) */
    public int deleteOldSettledRecords() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        int deleted = queue.deleteSyncedCapturedBefore(cutoff);
        LOG.info("Cleanup: {} synced records captured before {} deleted (CLEANUP_DAYS={}); pending, rejected and dead"
                + " records are kept", deleted, cutoff, days);
        long unresolved = queue.countUnresolvedCapturedBefore(cutoff);
        if (unresolved > 0) {
            LOG.warn("Cleanup: {} rejected or dead records older than {} days are kept until a person has looked at them"
                    + " (dashboard, `sync --once`, `sync --retry-dead`)", unresolved, days);
        }
        return deleted;
    }
}

package io.presenca.sync;

import io.presenca.store.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily route step: deletes local records older than CLEANUP_DAYS once the central side has them
 * (synced) or has refused them for good (rejected). Pending and dead records are never deleted.
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

    public int deleteOldSettledRecords() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        int deleted = queue.deleteSettledCapturedBefore(cutoff);
        LOG.info("Cleanup: {} synced or rejected records captured before {} deleted (CLEANUP_DAYS={});"
                + " pending and dead records are kept", deleted, cutoff, days);
        return deleted;
    }
}

package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.SyncLogEntry;
import io.presenca.store.SyncQueue;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's last step for a batch, once PostgreSQL has committed it: in one SQLite transaction,
 * accepted records become synced, refused ones rejected with the API's reason (each only if still
 * pending), and the batch's {@code sync_logs} row is written.
 */
public final class SyncSettlement {

    private static final Logger LOG = LoggerFactory.getLogger(SyncSettlement.class);
    /** Rejections are listed one per line up to this many per batch; the rest are counted. */
    private static final int REJECTIONS_LISTED = 20;

    private final SyncQueue queue;
    private final Clock clock;

    SyncSettlement(SyncQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    public void settle(@ExchangeProperty("syncBatch") SyncBatch batch) {
        var now = clock.instant();
        int accepted = batch.accepted().size();
        Map<String, String> rejected = batch.rejected();
        queue.settle(batch.accepted().stream().map(PendingRecord::id).toList(), rejected, now,
                new SyncLogEntry(batch.startedAt(), now, batch.size(), accepted, rejected.size(), 0, null));
        LOG.info("Synced a batch of {} records: {} accepted, {} rejected, in {} ms", batch.size(), accepted,
                rejected.size(), now.toEpochMilli() - batch.startedAt().toEpochMilli());
        rejected.entrySet().stream().limit(REJECTIONS_LISTED).forEach(r ->
                LOG.warn("Record {} rejected by the external API, not sent again: {}", r.getKey(), r.getValue()));
        if (rejected.size() > REJECTIONS_LISTED) {
            LOG.warn("... and {} more rejected records (see `export`, sync_status rejected)",
                    rejected.size() - REJECTIONS_LISTED);
        }
    }
}

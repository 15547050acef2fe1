package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.SyncLogEntry;
import io.presenca.store.SyncQueue;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite end of the attendance sync: hands out pending records in batches, oldest first, and
 * afterwards notes each record synced or rejected, with the batch's sync log row, in one transaction.
 */
public final class PendingAttendance {

    private static final Logger LOG = LoggerFactory.getLogger(PendingAttendance.class);
    /** Rejections are listed one per line up to this many per batch; the rest are counted. */
    private static final int REJECTIONS_LISTED = 20;

    private final SyncQueue queue;
    private final int batchSize;
    private final Clock clock;

    public PendingAttendance(SyncQueue queue, int batchSize, Clock clock) {
        this.queue = queue;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** The batches of one pass, read one at a time as the route asks for the next. */
    public Iterator<SyncBatch> batches(SyncRun run) {
        return new Iterator<>() {
            private SyncBatch next;

            @Override
            public boolean hasNext() {
                if (next == null && !run.stopped()) {
                    // Camel reads one batch ahead (to know the last), before the current one is settled:
                    // the pass therefore moves on by position, not by status.
                    List<PendingRecord> records = queue.nextBatch(batchSize, run.dueOnly(), clock.instant(),
                            run.lastHandedOut());
                    if (!records.isEmpty()) {
                        run.handedOut(records);
                        next = new SyncBatch(run, records);
                    }
                }
                return next != null;
            }

            @Override
            public SyncBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SyncBatch batch = next;
                next = null;
                return batch;
            }
        };
    }

    public SyncBatch settle(SyncBatch batch) {
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
        return batch;
    }
}

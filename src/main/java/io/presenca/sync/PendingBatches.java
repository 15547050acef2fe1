package io.presenca.sync;

import io.presenca.store.PendingRecord;
import java.time.Clock;
import java.util.List;
import org.apache.camel.ExchangeProperty;

/**
 * Route step after the {@code sql:} select of due pending records (read by {@link PendingRows}):
 * makes them the pass's next batch, or ends the pass when none is left.
 */
public final class PendingBatches {

    private final Clock clock;

    PendingBatches(Clock clock) {
        this.clock = clock;
    }

    /** The records as a batch, noted as handed out in the pass; null (and the pass ends) when there are none. */
    public SyncBatch of(List<PendingRecord> records, @ExchangeProperty("syncRun") SyncRun run) {
        if (records.isEmpty()) {
            run.stop("no due record left");
            return null;
        }
        run.handedOut(records);
        SyncBatch batch = new SyncBatch(run, records);
        batch.begin(clock.instant());
        return batch;
    }
}

package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/**
 * Route step after the {@code sql:} select of due pending records: makes the rows the pass's next
 * batch, or ends the pass when none is left.
 */
public final class PendingBatches {

    private final Clock clock;

    PendingBatches(Clock clock) {
        this.clock = clock;
    }

    /** The rows as a batch, noted as handed out in the pass; null (and the pass ends) when there are none. */
    public SyncBatch of(List<Map<String, Object>> rows, @ExchangeProperty("syncRun") SyncRun run) {
        if (rows.isEmpty()) {
            run.stop("no due record left");
            return null;
        }
        List<PendingRecord> records = rows.stream().map(PendingBatches::record).toList();
        run.handedOut(records);
        SyncBatch batch = new SyncBatch(run, records);
        batch.begin(clock.instant());
        return batch;
    }

    private static PendingRecord record(Map<String, Object> row) {
        return new PendingRecord((String) row.get("id"), (String) row.get("student_id"), (String) row.get("device_id"),
                Timestamps.parse((String) row.get("captured_at")), number(row.get("confidence")),
                number(row.get("distance")), (String) row.get("matcher"), ((Number) row.get("sync_attempts")).intValue());
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}

package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.SyncQueue;
import io.presenca.store.Timestamps;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.ExchangeProperty;

/**
 * Route step before the PostgreSQL upsert: the batch's accepted records as one array per column
 * (the statement unnests them, so the server parses and plans it once per batch) and this gateway's
 * device row, as the named parameters of the route's {@code sql:} statement.
 */
public final class CentralRows {

    private final SyncQueue queue;
    private final String deviceId;
    private final String appVersion;
    private final Clock clock;

    CentralRows(SyncQueue queue, String deviceId, String appVersion, Clock clock) {
        this.queue = queue;
        this.deviceId = deviceId;
        this.appVersion = appVersion;
        this.clock = clock;
    }

    public Map<String, Object> of(@ExchangeProperty("syncBatch") SyncBatch batch) {
        List<PendingRecord> accepted = batch.accepted();
        Map<String, Object> columns = new HashMap<>();
        columns.put("now", Timestamps.format(clock.instant()));
        columns.put("deviceId", deviceId);
        columns.put("appVersion", appVersion);
        columns.put("pendingAfter", batch.run().pendingAfter(batch, queue::countPending));
        columns.put("ids", texts(accepted, PendingRecord::id));
        columns.put("studentIds", texts(accepted, PendingRecord::studentId));
        columns.put("deviceIds", texts(accepted, PendingRecord::deviceId));
        columns.put("capturedAts", texts(accepted, r -> Timestamps.format(r.capturedAt())));
        columns.put("confidences", accepted.stream().map(PendingRecord::confidence).toArray(Double[]::new));
        columns.put("distances", accepted.stream().map(PendingRecord::distance).toArray(Double[]::new));
        columns.put("matchers", texts(accepted, PendingRecord::matcher));
        return columns;
    }

    private static String[] texts(List<PendingRecord> records, Function<PendingRecord, String> column) {
        return records.stream().map(column).toArray(String[]::new);
    }
}

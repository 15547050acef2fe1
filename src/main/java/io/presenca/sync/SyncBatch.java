package io.presenca.sync;

import io.presenca.store.PendingRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records sent together, oldest first, and what the external API said of each. The route keeps it
 * in the exchange property {@code syncBatch} from the select to the settlement, so the failure
 * handler can count the attempt on exactly these records.
 */
public final class SyncBatch {

    private final SyncRun run;
    private final List<PendingRecord> records;
    private volatile Instant startedAt;
    private final Map<String, PendingRecord> accepted = new LinkedHashMap<>();
    private final Map<String, String> rejected = new LinkedHashMap<>();

    public SyncBatch(SyncRun run, List<PendingRecord> records) {
        this.run = run;
        this.records = List.copyOf(records);
    }

    /** When the batch was read from SQLite, for its sync log row. */
    void begin(Instant now) {
        startedAt = now;
    }

    public SyncRun run() {
        return run;
    }

    public List<PendingRecord> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    /** When the first step began; null if it never did. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The request body the route sends to the API for this batch. */
    public ApiBatch request(String deviceId) {
        return ApiBatch.of(deviceId, records);
    }

    /** Same records, same key: a re-sent batch is recognisable as such by the API. */
    public String idempotencyKey() {
        String ids = String.join(",", records.stream().map(PendingRecord::id).sorted().toList());
        return UUID.nameUUIDFromBytes(ids.getBytes(StandardCharsets.UTF_8)).toString();
    }

    void accept(PendingRecord record) {
        accepted.put(record.id(), record);
    }

    void reject(PendingRecord record, String reason) {
        rejected.put(record.id(), reason);
    }

    public List<PendingRecord> accepted() {
        return List.copyOf(accepted.values());
    }

    /** Record id to the API's reason. */
    public Map<String, String> rejected() {
        return Collections.unmodifiableMap(rejected);
    }
}

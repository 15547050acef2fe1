package io.presenca.sync;

import io.presenca.store.PendingRecord;
import io.presenca.store.Timestamps;
import java.util.List;

/**
 * The request body of {@code POST {EXTERNAL_API_URL}/attendance/batches}, as
 * {@code api/external-api.openapi.yaml} describes it; the route marshals it to JSON. Every record
 * carries its UUID also as its idempotency key, so the API recognises a record sent again.
 */
public record ApiBatch(String deviceId, List<Record> records) {

    /** Where the route posts a batch, below EXTERNAL_API_URL (the loopback stand-in listens there too). */
    public static final String PATH = "/attendance/batches";

    public record Record(String id, String idempotencyKey, String studentId, String deviceId, String capturedAt,
                         Double confidence, String matcher) {
    }

    static ApiBatch of(String deviceId, List<PendingRecord> records) {
        return new ApiBatch(deviceId, records.stream()
                .map(r -> new Record(r.id(), r.id(), r.studentId(), r.deviceId(), Timestamps.format(r.capturedAt()),
                        r.confidence(), r.matcher()))
                .toList());
    }
}

package io.presenca.sync;

import io.presenca.store.PendingRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;

/**
 * Route step after the API answered: checks that every record sent got exactly one verdict, then
 * notes each as accepted or rejected (with the API's reason) on the batch. An answer that does not
 * add up is a failure of the whole batch, retried later: no record is marked on a partial answer.
 */
public final class ApiVerdicts {

    private final ApiKeyMask mask;

    ApiVerdicts(ApiKeyMask mask) {
        this.mask = mask;
    }

    public SyncBatch take(ApiAnswer answer, @ExchangeProperty("syncBatch") SyncBatch batch) {
        String problem = problemWith(answer, batch);
        if (problem != null) {
            throw new RetryableSyncException(RetryableSyncException.Kind.MALFORMED_RESPONSE, problem, null);
        }
        Map<String, ApiAnswer.Result> verdicts = new HashMap<>();
        answer.results().forEach(r -> verdicts.put(r.id(), r));
        for (PendingRecord record : batch.records()) {
            ApiAnswer.Result verdict = verdicts.get(record.id());
            if (verdict.status().equals("accepted")) {
                batch.accept(record);
            } else {
                String reason = verdict.reason() == null ? "" : mask.masked(verdict.reason().strip());
                batch.reject(record, reason.isEmpty() ? "rejected without a reason" : reason);
            }
        }
        return batch;
    }

    /** What is wrong with the answer, or null if every record sent has one verdict, accepted or rejected. */
    private static String problemWith(ApiAnswer answer, SyncBatch batch) {
        List<ApiAnswer.Result> results = answer == null ? null : answer.results();
        if (results == null) {
            return "the answer has no \"results\" array";
        }
        Map<String, PendingRecord> sent = new HashMap<>();
        batch.records().forEach(r -> sent.put(r.id(), r));
        Map<String, String> statuses = new HashMap<>();
        for (ApiAnswer.Result result : results) {
            if (result == null || result.id() == null || !sent.containsKey(result.id())) {
                return "a result names a record that was not sent (" + (result == null ? null : result.id()) + ")";
            }
            String status = String.valueOf(result.status());
            if (!status.equals("accepted") && !status.equals("rejected")) {
                return "record " + result.id() + " has status '" + status + "', expected accepted or rejected";
            }
            String earlier = statuses.putIfAbsent(result.id(), status);
            if (earlier != null && !earlier.equals(status)) {
                return "record " + result.id() + " is both accepted and rejected";
            }
        }
        if (statuses.size() != sent.size()) {
            return (sent.size() - statuses.size()) + " of " + sent.size() + " records have no result";
        }
        return null;
    }
}

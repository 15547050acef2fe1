package io.presenca.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.resilience.Breakers;
import io.presenca.store.PendingRecord;
import io.presenca.store.Timestamps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Route step: sends a batch to the school's validation API and notes, per record, whether it was
 * accepted or rejected with a reason. The contract is {@code api/external-api.openapi.yaml}:
 * {@code POST {EXTERNAL_API_URL}/attendance/batches} with the {@code X-API-Key} header; every record
 * carries its UUID, also as its idempotency key, so a re-sent record is recognised.
 *
 * <p>Failures are classified here: 401/403 throw {@link ApiKeyRefusedException}; any other 4xx but
 * 408, 425 and 429 is a contract breach ({@link ContractBreachException}), sent again it would be
 * refused again; network errors, timeouts, 5xx, 408/425/429 and malformed answers throw
 * {@link RetryableSyncException}. A 429's Retry-After pauses every call to the API, not only this
 * batch's. The call runs inside the API's circuit breaker (see {@link #isOutage}). The key never
 * appears in a message, even when the API echoes it in an error body.
 */
public final class ExternalApi {

    public static final String PATH = "/attendance/batches";
    /** Failed calls in a row that open the circuit breaker around the API. */
    static final int FAILURES_TO_OPEN = 5;
    private static final int EXCERPT = 200;

    private final URI endpoint;
    private final String apiKey;
    private final String deviceId;
    private final Duration timeout;
    private final CircuitBreaker circuit;
    private final ApiPause pause;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ExternalApi(String baseUrl, String apiKey, String deviceId, Duration timeout, CircuitBreaker circuit,
                       ApiPause pause, Clock clock) {
        this.clock = clock;
        this.pause = pause;
        this.endpoint = URI.create(baseUrl + PATH);
        this.apiKey = apiKey;
        this.deviceId = deviceId;
        this.timeout = timeout;
        this.circuit = circuit;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * The API's circuit breaker: five outages in a row open it, {@code openFor} later one call tries
     * again. Refusals the API gives on purpose count as answers.
     */
    public static CircuitBreaker circuitBreaker(Duration openFor, Clock clock) {
        return Breakers.create("external-api", FAILURES_TO_OPEN, openFor, ExternalApi::isOutage, ExternalApi::isAnswer,
                clock);
    }

    /** An outage of the API, which counts against its circuit breaker. */
    public static boolean isOutage(Throwable failure) {
        return failure instanceof RetryableSyncException;
    }

    /** A deliberate answer of a working API (refused key, contract breach): no outage. */
    public static boolean isAnswer(Throwable failure) {
        return failure instanceof SyncStoppedException;
    }

    /**
     * Sends the batch through the circuit breaker, which takes a permission and gives it back however
     * the call ends; throws resilience4j's {@code CallNotPermittedException} while the breaker is open.
     */
    public SyncBatch validate(SyncBatch batch) {
        batch.begin(clock.instant());
        return circuit.executeSupplier(() -> exchange(batch));
    }

    private SyncBatch exchange(SyncBatch batch) {
        HttpResponse<String> response = post(batch);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new ApiKeyRefusedException(status, "the external API at " + endpoint + " answered HTTP " + status
                    + (apiKey == null ? ": EXTERNAL_API_KEY is not set" : ": it refuses EXTERNAL_API_KEY"));
        }
        if (status == 429) {
            Duration retryAfter = retryAfter(response);
            if (retryAfter != null) {
                pause.pauseUntil(clock.instant().plus(retryAfter));
            }
            throw failed(RetryableSyncException.Kind.RATE_LIMITED, "HTTP 429" + excerpt(response.body())
                    + (retryAfter == null ? "" : "; no call before " + retryAfter.toSeconds() + " s (Retry-After)"),
                    retryAfter);
        }
        if (status >= 500 || status == 408 || status == 425) {
            throw failed(RetryableSyncException.Kind.SERVER_ERROR, "HTTP " + status + excerpt(response.body()), null);
        }
        if (status >= 400 && status <= 499) {
            throw new ContractBreachException(status, "the external API at " + endpoint + " refused the whole batch of "
                    + batch.size() + " records with HTTP " + status + excerpt(response.body()) + ". The request does not"
                    + " fit the API's contract (api/external-api.openapi.yaml): check EXTERNAL_API_URL, the API's version"
                    + " and SYNC_BATCH_SIZE with the school, then restart");
        }
        if (status < 200 || status > 299) {
            throw failed(RetryableSyncException.Kind.BATCH_REFUSED, "HTTP " + status + excerpt(response.body()), null);
        }
        String problem = readResults(batch, response.body());
        if (problem != null) {
            throw failed(RetryableSyncException.Kind.MALFORMED_RESPONSE, problem + excerpt(response.body()), null);
        }
        return batch;
    }

    private HttpResponse<String> post(SyncBatch batch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", batch.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody(batch)));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw failed(RetryableSyncException.Kind.TIMEOUT, "no answer from " + endpoint + " within "
                    + timeout.toSeconds() + " s (EXTERNAL_API_TIMEOUT_SECONDS)", null);
        } catch (IOException e) {
            throw failed(RetryableSyncException.Kind.NETWORK, "cannot reach " + endpoint + ": " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(RetryableSyncException.Kind.NETWORK, "interrupted while calling " + endpoint, null);
        }
    }

    private static RetryableSyncException failed(RetryableSyncException.Kind kind, String message, Duration retryAfter) {
        return new RetryableSyncException(kind, message, retryAfter, null);
    }

    private byte[] requestBody(SyncBatch batch) {
        List<ApiRecord> records = batch.records().stream()
                .map(r -> new ApiRecord(r.id(), r.id(), r.studentId(), r.deviceId(), Timestamps.format(r.capturedAt()),
                        r.confidence(), r.matcher()))
                .toList();
        try {
            return json.writeValueAsBytes(new ApiBatch(deviceId, records));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the batch as JSON: " + e.getMessage(), e);
        }
    }

    /** Fills the batch from the answer; returns what is wrong with it, or null if it is complete and well-formed. */
    private String readResults(SyncBatch batch, String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            return "the answer is not JSON (" + (why.length() > 80 ? why.substring(0, 80) + "..." : why) + ")";
        }
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            return "the answer has no \"results\" array";
        }
        Map<String, PendingRecord> sent = new HashMap<>();
        batch.records().forEach(r -> sent.put(r.id(), r));
        Map<String, JsonNode> verdicts = new HashMap<>();
        for (JsonNode result : results) {
            String id = result.path("id").asText(null);
            if (id == null || !sent.containsKey(id)) {
                return "a result names a record that was not sent (" + id + ")";
            }
            JsonNode earlier = verdicts.putIfAbsent(id, result);
            if (earlier != null && !earlier.path("status").equals(result.path("status"))) {
                return "record " + id + " is both accepted and rejected";
            }
        }
        if (verdicts.size() != sent.size()) {
            return (sent.size() - verdicts.size()) + " of " + sent.size() + " records have no result";
        }
        for (PendingRecord record : batch.records()) {
            JsonNode verdict = verdicts.get(record.id());
            String status = verdict.path("status").asText("");
            if (status.equals("accepted")) {
                batch.accept(record);
            } else if (status.equals("rejected")) {
                String reason = masked(verdict.path("reason").asText("").strip());
                batch.reject(record, reason.isEmpty() ? "rejected without a reason" : reason);
            } else {
                return "record " + record.id() + " has status '" + status + "', expected accepted or rejected";
            }
        }
        return null;
    }

    /** Retry-After in seconds; the HTTP-date form is rare for APIs and treated as absent. */
    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.strip().matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
                .orElse(null);
    }

    /**
     * "; body: {"error":...}" — the first characters of an answer, on one line, for the log, the sync
     * log and the dead letter's reason; an API that echoes the key in it gets it masked.
     */
    private String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "; empty body";
        }
        String oneLine = masked(body.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?"));
        return "; body: " + (oneLine.length() > EXCERPT ? oneLine.substring(0, EXCERPT) + "..." : oneLine);
    }

    /** The text with the API key, should the API echo it, replaced by ****. */
    private String masked(String text) {
        return apiKey == null || apiKey.isBlank() ? text : text.replace(apiKey, "****");
    }

    record ApiBatch(String deviceId, List<ApiRecord> records) {
    }

    record ApiRecord(String id, String idempotencyKey, String studentId, String deviceId, String capturedAt,
                     Double confidence, String matcher) {
    }
}

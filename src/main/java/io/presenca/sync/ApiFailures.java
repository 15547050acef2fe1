package io.presenca.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.resilience.Breakers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Route step where the API call failed (the route's {@code doCatch} inside the circuit breaker):
 * says what the failure means, as the exception the sync's failure handling and the breaker act on.
 * <ul>
 *   <li>401/403: {@link ApiKeyRefusedException}, syncing stops until the key is fixed;</li>
 *   <li>any other 4xx but 408, 425 and 429: {@link ContractBreachException}, sent again it would be
 *       refused again;</li>
 *   <li>network errors, timeouts, 5xx, 408/425/429, 3xx and answers that are not the agreed JSON:
 *       {@link RetryableSyncException}, an outage for the breaker. A 429's Retry-After pauses every
 *       call to the API, not only this batch's.</li>
 * </ul>
 * The key never appears in a message, even when the API echoes it in an error body.
 */
public final class ApiFailures {

    /** Failed calls in a row that open the circuit breaker around the API. */
    static final int FAILURES_TO_OPEN = 5;

    private final String endpoint;
    private final boolean keySet;
    private final Duration timeout;
    private final ApiKeyMask mask;
    private final ApiPause pause;
    private final Clock clock;

    ApiFailures(String baseUrl, boolean keySet, Duration timeout, ApiKeyMask mask, ApiPause pause, Clock clock) {
        this.endpoint = baseUrl + ApiBatch.PATH;
        this.keySet = keySet;
        this.timeout = timeout;
        this.mask = mask;
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * The API's circuit breaker (the route's {@code circuitBreaker} step refers to it): five outages in
     * a row open it, {@code openFor} later one call tries again. Refusals the API gives on purpose
     * count as answers.
     */
    public static CircuitBreaker circuitBreaker(Duration openFor, Clock clock) {
        return Breakers.create("external-api", FAILURES_TO_OPEN, openFor, ApiFailures::isOutage, ApiFailures::isAnswer,
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

    /** Always throws: the failure caught, classified. */
    public void explain(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HttpOperationFailedException refused = find(caught, HttpOperationFailedException.class);
        if (refused != null) {
            throw answered(refused);
        }
        JsonProcessingException garbled = find(caught, JsonProcessingException.class);
        if (garbled != null) {
            String why = garbled.getOriginalMessage();
            throw retryable(RetryableSyncException.Kind.MALFORMED_RESPONSE, "the answer is not JSON as"
                    + " api/external-api.openapi.yaml describes (" + (why.length() > 80 ? why.substring(0, 80) + "..." : why)
                    + ")" + mask.excerpt(exchange.getMessage().getBody(String.class)), null);
        }
        if (find(caught, InterruptedIOException.class) != null) {
            throw retryable(RetryableSyncException.Kind.TIMEOUT, "no answer from " + endpoint + " within "
                    + timeout.toSeconds() + " s (EXTERNAL_API_TIMEOUT_SECONDS)", null);
        }
        if (find(caught, IOException.class) != null) {
            throw retryable(RetryableSyncException.Kind.NETWORK, "cannot reach " + endpoint + ": "
                    + mask.masked(String.valueOf(find(caught, IOException.class))), null);
        }
        throw retryable(RetryableSyncException.Kind.NETWORK, "calling " + endpoint + " failed: "
                + mask.masked(String.valueOf(caught)), null);
    }

    private RuntimeException answered(HttpOperationFailedException answer) {
        int status = answer.getStatusCode();
        String body = mask.excerpt(answer.getResponseBody());
        if (status == 401 || status == 403) {
            return new ApiKeyRefusedException(status, "the external API at " + endpoint + " answered HTTP " + status
                    + (keySet ? ": it refuses EXTERNAL_API_KEY" : ": EXTERNAL_API_KEY is not set"));
        }
        if (status == 429) {
            Duration retryAfter = retryAfter(answer.getResponseHeaders());
            if (retryAfter != null) {
                pause.pauseUntil(clock.instant().plus(retryAfter));
            }
            return retryable(RetryableSyncException.Kind.RATE_LIMITED, "HTTP 429" + body
                    + (retryAfter == null ? "" : "; no call before " + retryAfter.toSeconds() + " s (Retry-After)"),
                    retryAfter);
        }
        if (status >= 500 || status == 408 || status == 425) {
            return retryable(RetryableSyncException.Kind.SERVER_ERROR, "HTTP " + status + body, null);
        }
        if (status >= 400 && status <= 499) {
            return new ContractBreachException(status, "the external API at " + endpoint + " refused the whole batch"
                    + " with HTTP " + status + body + ". The request does not fit the API's contract"
                    + " (api/external-api.openapi.yaml): check EXTERNAL_API_URL, the API's version and SYNC_BATCH_SIZE"
                    + " with the school, then restart");
        }
        return retryable(RetryableSyncException.Kind.BATCH_REFUSED, "HTTP " + status + body, null);
    }

    private static RetryableSyncException retryable(RetryableSyncException.Kind kind, String message,
                                                    Duration retryAfter) {
        return new RetryableSyncException(kind, message, retryAfter, null);
    }

    /** Retry-After in seconds; the HTTP-date form is rare for APIs and treated as absent. */
    private static Duration retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Retry-After") && h.getValue() != null)
                .map(h -> h.getValue().strip())
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v)))
                .findFirst().orElse(null);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

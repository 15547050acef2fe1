package io.presenca.sync;

import java.time.Duration;

/**
 * A sync step failed in a way that sending again later may fix (network, timeout, HTTP 5xx or 429,
 * a malformed answer, PostgreSQL unavailable). The records stay pending and the attempt is counted.
 */
public class RetryableSyncException extends RuntimeException {

    /** What went wrong, in the words the sync log and the warning use. */
    public enum Kind {
        NETWORK("network error"),
        TIMEOUT("timeout"),
        SERVER_ERROR("server error"),
        RATE_LIMITED("rate limited"),
        BATCH_REFUSED("batch refused"),
        MALFORMED_RESPONSE("malformed response"),
        CENTRAL_DATABASE("central database error");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Kind kind;
    private final Duration retryAfter;

    public RetryableSyncException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public RetryableSyncException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(kind.text() + ": " + message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The server asked us to wait this long (HTTP 429 Retry-After); null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

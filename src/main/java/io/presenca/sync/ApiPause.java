package io.presenca.sync;

import java.time.Instant;

/**
 * The API asked the gateway not to call before a given time (HTTP 429 with Retry-After). Every pass
 * waits for it, whatever records it would send: the limit is the server's, not the batch's.
 */
public final class ApiPause {

    private volatile Instant until = Instant.MIN;

    void pauseUntil(Instant time) {
        if (time.isAfter(until)) {
            until = time;
        }
    }

    /** When the API may be called again; null when it may be now. */
    public Instant pausedUntil(Instant now) {
        Instant time = until;
        return now.isBefore(time) ? time : null;
    }
}

package io.presenca.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Around the external API: after {@code threshold} failed calls in a row the circuit opens and no
 * call is made for {@code openFor}; then one trial call is let through (half-open), which closes the
 * circuit if it succeeds or opens it again if it fails. Spares a struggling server a retry storm
 * from every gateway, and spares the records attempts that could not succeed.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failuresInARow;
    private Instant openedAt;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may be made now; an open circuit whose time is up lets one trial through. */
    public synchronized boolean allowsCall() {
        return state() != State.OPEN;
    }

    public synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }

    public synchronized void recordSuccess() {
        if (openedAt != null) {
            LOG.info("External API answering again: circuit closed");
        }
        failuresInARow = 0;
        openedAt = null;
    }

    public synchronized void recordFailure() {
        failuresInARow++;
        boolean trialFailed = state() == State.HALF_OPEN;
        if (trialFailed || (openedAt == null && failuresInARow >= threshold)) {
            openedAt = clock.instant();
            LOG.warn("External API failed {} times in a row: circuit open, no call for {} s", failuresInARow,
                    openFor.toSeconds());
        }
    }
}

package io.presenca.rekognition;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling Rekognition after {@code failuresToOpen} failures in a row (network down,
 * throttled, 5xx), so faces fall back to the local matcher at once instead of each waiting for a
 * timeout. After {@code openFor} one trial call is let through; its success closes the breaker.
 * Each change is logged once, not once per face.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failuresToOpen;
    private final long openForNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int failuresInARow;
    private long openedAt;
    private long opened;

    public CircuitBreaker(int failuresToOpen, Duration openFor) {
        this(failuresToOpen, openFor, System::nanoTime);
    }

    public CircuitBreaker(int failuresToOpen, Duration openFor, LongSupplier nanoClock) {
        this.failuresToOpen = failuresToOpen;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a call may be made now; in the half-open state only one caller gets a yes. */
    public synchronized boolean allowsCall() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            return true;
        }
        return state == State.CLOSED;
    }

    public synchronized void succeeded() {
        if (state != State.CLOSED) {
            LOG.info("Rekognition answers again: faces are sent to it again");
        }
        state = State.CLOSED;
        failuresInARow = 0;
    }

    public synchronized void failed(String reason) {
        failuresInARow++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= failuresToOpen)) {
            if (state == State.CLOSED) {
                LOG.warn("Rekognition failed {} times in a row (last: {}): matching locally, trying it again every {} s",
                        failuresInARow, reason, openForNanos / 1_000_000_000);
            }
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
            opened++;
        }
    }

    /** The caller that was let through could not make its call after all: the next caller may try. */
    public synchronized void trialNotMade() {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong() - openForNanos;
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How many times the breaker opened (a re-open after a failed trial counts too). */
    public synchronized long timesOpened() {
        return opened;
    }
}

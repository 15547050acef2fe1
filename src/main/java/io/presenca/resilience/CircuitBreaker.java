package io.presenca.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling a remote service (Rekognition, the school's API) after {@code failuresToOpen}
 * failures in a row (network down, throttled, 5xx), so callers take their fallback at once instead
 * of each waiting for a timeout, and a struggling server is spared a retry storm. After
 * {@code openFor} one trial call is let through; its success closes the breaker, its failure opens
 * it again. Each change is logged once, not once per call.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final String service;
    private final String whileOpen;
    private final int failuresToOpen;
    private final long openForNanos;
    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private int failuresInARow;
    private long openedAt;
    private long opened;

    /**
     * @param service   the service's name in log lines, e.g. "Rekognition"
     * @param whileOpen what callers do meanwhile, for the log line, e.g. "matching locally"
     */
    public CircuitBreaker(String service, String whileOpen, int failuresToOpen, Duration openFor) {
        this(service, whileOpen, failuresToOpen, openFor, System::nanoTime);
    }

    public CircuitBreaker(String service, String whileOpen, int failuresToOpen, Duration openFor, LongSupplier nanoClock) {
        this.service = service;
        this.whileOpen = whileOpen;
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
            LOG.info("{} answers again", service);
        }
        state = State.CLOSED;
        failuresInARow = 0;
    }

    public synchronized void failed(String reason) {
        failuresInARow++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= failuresToOpen)) {
            if (state == State.CLOSED) {
                LOG.warn("{} failed {} times in a row (last: {}): {}, trying it again every {} s", service,
                        failuresInARow, reason, whileOpen, openForNanos / 1_000_000_000);
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

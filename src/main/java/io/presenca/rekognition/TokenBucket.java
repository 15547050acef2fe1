package io.presenca.rekognition;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps calls to REKOGNITION_TPS per second, with a burst of at most one second's worth. A caller
 * says how long it may wait; if its turn comes later than that it gets no token and does not queue,
 * so faces over the frame's budget fall back instead of piling up behind each other.
 */
public final class TokenBucket {

    /** Waits for the given number of nanoseconds; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double perSecond) {
        this(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public TokenBucket(double perSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("A token bucket needs a positive rate, got " + perSecond);
        }
        this.tokensPerNano = perSecond / 1e9;
        this.capacity = Math.max(1, perSecond);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = capacity;
        this.refilledAt = nanoClock.getAsLong();
    }

    /**
     * Takes a token, waiting at most {@code maxWait} for it. Returns false at once, without taking
     * anything, when the token would come later than that.
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            refill();
            // the token is reserved now (tokens may go negative): later callers queue behind this one
            waitNanos = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / tokensPerNano);
            if (waitNanos > maxWait.toNanos()) {
                return false;
            }
            tokens -= 1;
        }
        if (waitNanos > 0) {
            sleeper.sleepNanos(waitNanos);
        }
        return true;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
    }
}

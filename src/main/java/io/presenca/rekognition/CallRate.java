package io.presenca.rekognition;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Holds every Rekognition call of the gateway to at most REKOGNITION_TPS in any one-second window,
 * from the first call on, however long calls take to reach AWS. There are N turns (the whole calls
 * per second, at least one); a call takes a free turn and gives it back when it has its answer, and
 * the turn serves the next call only a window after that. A call reaches AWS before its answer comes
 * back, so two calls on one turn arrive at least a window apart, and N turns make at most N calls in
 * any window, even when the first calls of a fresh client are slow to leave. (A token bucket that
 * starts full and refills at the same rate lets twice the rate through in the first second, which a
 * real quota throttles.)
 *
 * <p>A caller says how long it may wait; if its turn comes later than that it gets none and does not
 * queue, so faces over the frame's budget fall back instead of piling up behind each other.
 */
public final class CallRate {

    /** Waits for the given number of nanoseconds; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    /** A call's turn would come later than its caller can wait: it is not made. */
    public static final class NoTurnInTime extends RuntimeException {
        NoTurnInTime(String operation, Duration maxWait) {
            super(operation + " not sent: no turn within " + maxWait.toMillis() + " ms at REKOGNITION_TPS", null, false,
                    false);
        }
    }

    private static final long IN_USE = Long.MAX_VALUE;

    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    /** When each turn may serve a call again; IN_USE while a call holds it. */
    private final long[] freeAt;

    public CallRate(double perSecond) {
        this(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    public CallRate(double perSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("A call rate must be positive, got " + perSecond);
        }
        int turns = Math.max(1, (int) Math.floor(perSecond));
        // 2.5/s: 2 calls a second; 0.5/s: 1 call every 2 s
        this.windowNanos = (long) (Math.max(1.0, turns / perSecond) * 1e9);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.freeAt = new long[turns];
        Arrays.fill(freeAt, nanoClock.getAsLong() - windowNanos);
    }

    /**
     * Makes the call in its turn, waiting at most {@code maxWait} for it; throws {@link NoTurnInTime},
     * without calling, when the turn would come later than that.
     */
    public <T> T call(String operation, Duration maxWait, Supplier<T> call) {
        int turn;
        try {
            turn = take(maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoTurnInTime(operation, maxWait);
        }
        if (turn < 0) {
            throw new NoTurnInTime(operation, maxWait);
        }
        try {
            return call.get();
        } finally {
            giveBack(turn);
        }
    }

    /** The turn taken (after waiting for it), or -1 when none comes within {@code maxWait}. */
    private int take(Duration maxWait) throws InterruptedException {
        long deadline = nanoClock.getAsLong() + maxWait.toNanos();
        long waitNanos;
        int turn;
        synchronized (this) {
            while (true) {
                turn = soonestFree();
                long now = nanoClock.getAsLong();
                if (freeAt[turn] != IN_USE) {
                    long at = Math.max(now, freeAt[turn]);
                    if (at > now && at > deadline) {
                        return -1;
                    }
                    waitNanos = at - now;
                    freeAt[turn] = IN_USE;
                    break;
                }
                // every turn is held by a call still waiting for its answer
                if (now >= deadline) {
                    return -1;
                }
                TimeUnit.NANOSECONDS.timedWait(this, deadline - now);
            }
        }
        if (waitNanos > 0) {
            try {
                sleeper.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                giveBack(turn);
                throw e;
            }
        }
        return turn;
    }

    private int soonestFree() {
        int soonest = 0;
        for (int i = 1; i < freeAt.length; i++) {
            if (freeAt[i] < freeAt[soonest]) {
                soonest = i;
            }
        }
        return soonest;
    }

    private synchronized void giveBack(int turn) {
        freeAt[turn] = nanoClock.getAsLong() + windowNanos;
        notifyAll();
    }
}

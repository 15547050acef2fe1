package io.presenca.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a record waits after its n-th failed attempt: base · 2^(n-1), at most {@code cap}, of
 * which a random half is dropped ("equal jitter"), so gateways that failed together do not all
 * retry in the same second.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The wait after {@code failedAttempts} failures (1 or more). */
    public Duration after(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
        long full = Math.min(cap.toMillis(), base.toMillis() << doublings);
        long half = full / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }
}

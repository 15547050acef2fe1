package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), new Random(7));

    @Test
    void doublesPerFailureWithinHalfAndFullAndStopsAtTheCap() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            long full = Math.min(3600_000L, 30_000L << (attempt - 1));
            long wait = backoff.after(attempt).toMillis();
            assertTrue(wait >= full / 2 && wait <= full, "attempt " + attempt + ": " + wait + " ms, full " + full);
        }
        assertTrue(backoff.after(1000).compareTo(Duration.ofHours(1)) <= 0);
    }

    @Test
    void jitterSpreadsGatewaysThatFailedTogether() {
        Set<Duration> waits = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            waits.add(backoff.after(3));
        }
        assertTrue(waits.size() > 15, waits.toString());
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ZERO, new Random()).after(1));
    }
}

package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-02T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(60), clock);

    @Test
    void opensAfterFailuresInARowAndASuccessResetsTheCount() {
        circuit.recordFailure();
        circuit.recordFailure();
        circuit.recordSuccess();
        circuit.recordFailure();
        circuit.recordFailure();
        assertTrue(circuit.allowsCall());

        circuit.recordFailure();
        assertEquals(CircuitBreaker.State.OPEN, circuit.state());
        assertFalse(circuit.allowsCall());
    }

    @Test
    void afterTheOpenTimeOneTrialDecides() {
        for (int i = 0; i < 3; i++) {
            circuit.recordFailure();
        }
        clock.now = clock.now.plusSeconds(61);
        assertEquals(CircuitBreaker.State.HALF_OPEN, circuit.state());
        assertTrue(circuit.allowsCall());

        circuit.recordFailure(); // the trial failed: open again, for a full period
        assertFalse(circuit.allowsCall());
        clock.now = clock.now.plusSeconds(61);
        circuit.recordSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, circuit.state());
    }
}

package io.presenca.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.presenca.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
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

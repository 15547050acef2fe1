package io.presenca.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private long now;
    private final CircuitBreaker breaker = new CircuitBreaker("Rekognition", "matching locally", 3, Duration.ofSeconds(30), () -> now);

    @Test
    void opensAfterThreeFailuresInARowOnly() {
        breaker.failed("timeout");
        breaker.failed("timeout");
        breaker.succeeded();
        breaker.failed("timeout");
        breaker.failed("timeout");
        assertTrue(breaker.allowsCall(), "a success in between resets the count");
        breaker.failed("timeout");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allowsCall());
        assertEquals(1, breaker.timesOpened());
    }

    @Test
    void afterTheWaitOneTrialCallDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.failed("503");
        }
        now += Duration.ofSeconds(29).toNanos();
        assertFalse(breaker.allowsCall());
        now += Duration.ofSeconds(1).toNanos();
        assertTrue(breaker.allowsCall(), "the trial call");
        assertFalse(breaker.allowsCall(), "only one trial at a time");
        breaker.failed("503");
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed trial opens it again at once");
        assertFalse(breaker.allowsCall());

        now += Duration.ofSeconds(30).toNanos();
        assertTrue(breaker.allowsCall());
        breaker.succeeded();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allowsCall());
        assertTrue(breaker.allowsCall());
        assertEquals(2, breaker.timesOpened());
    }

    @Test
    void aTrialThatWasNotMadeLeavesTheNextCallerToTry() {
        for (int i = 0; i < 3; i++) {
            breaker.failed("timeout");
        }
        now += Duration.ofSeconds(30).toNanos();
        assertTrue(breaker.allowsCall());
        breaker.trialNotMade();
        assertTrue(breaker.allowsCall(), "the breaker is not stuck half-open");
    }
}

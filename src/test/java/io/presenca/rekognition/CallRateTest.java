package io.presenca.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limit on a fake clock: sleeping advances it, so the figures are exact and the test takes no time. */
class CallRateTest {

    private static final long WINDOW = Duration.ofSeconds(1).toNanos();

    private long now;
    private long slept;
    private final List<Long> turns = new ArrayList<>();

    private CallRate rate(double perSecond) {
        return new CallRate(perSecond, () -> now, nanos -> {
            slept += nanos;
            now += nanos;
        });
    }

    /** A call that takes no time; whether it was made. */
    private boolean call(CallRate rate, Duration maxWait) {
        try {
            return rate.call("test", maxWait, () -> turns.add(now));
        } catch (CallRate.NoTurnInTime e) {
            return false;
        }
    }

    /** The most turns given in any window of one second. */
    private int busiestSecond() {
        int most = 0;
        for (int i = 0; i < turns.size(); i++) {
            int inWindow = 0;
            for (long turn : turns) {
                if (turn >= turns.get(i) && turn < turns.get(i) + 1_000_000_000L) {
                    inWindow++;
                }
            }
            most = Math.max(most, inWindow);
        }
        return most;
    }

    @Test
    void theFirstSecondGetsTheRateAndNoMore() {
        CallRate rate = rate(5);
        for (int i = 0; i < 5; i++) {
            assertTrue(call(rate, Duration.ZERO), "call " + i);
        }
        assertFalse(call(rate, Duration.ZERO), "a sixth call in the first second would exceed 5/s");
        assertFalse(call(rate, Duration.ofMillis(999)), "its turn is a window after the first call");
        assertEquals(0, slept, "a refused caller does not wait");
        assertTrue(call(rate, Duration.ofNanos(WINDOW)));
        assertEquals(WINDOW, slept, "it waited exactly until its turn");
    }

    @Test
    void sustainedCallsNeverExceedTheRateInAnySecond() {
        CallRate rate = rate(5);
        long start = now;
        for (int i = 0; i < 55; i++) {
            assertTrue(call(rate, Duration.ofSeconds(2)));
        }
        assertEquals(5, busiestSecond());
        // 5 per window: the 55th call is in the 11th window
        assertEquals(10 * WINDOW, turns.get(54) - start);
    }

    @Test
    void waitingCallersQueueBehindEachOtherWithinTheirBudget() {
        CallRate rate = rate(2);
        assertTrue(call(rate, Duration.ZERO));
        assertTrue(call(rate, Duration.ZERO));
        // the next two are a window later: a frame budget of 1.1 s allows them
        assertTrue(call(rate, Duration.ofMillis(1100)));
        assertTrue(call(rate, Duration.ZERO));
        long before = now;
        assertFalse(call(rate, Duration.ofMillis(999)), "the fifth's turn is a window after the third");
        assertEquals(before, now);
        assertTrue(call(rate, Duration.ofMillis(1100)));
        assertEquals(2, busiestSecond());
    }

    @Test
    void aRateBelowOnePerSecondSpacesSingleCalls() {
        CallRate rate = rate(0.5);
        assertTrue(call(rate, Duration.ZERO));
        assertFalse(call(rate, Duration.ofSeconds(1)), "one call every 2 s");
        assertTrue(call(rate, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(2).toNanos(), turns.get(1) - turns.get(0));
        now += Duration.ofMinutes(10).toNanos();
        assertTrue(call(rate, Duration.ZERO), "unused time is not saved up: one call, not a burst");
        assertFalse(call(rate, Duration.ZERO));
    }

    @Test
    void aTurnServesTheNextCallAWindowAfterItsAnswerNotItsStart() {
        CallRate rate = rate(1);
        long start = now;
        rate.call("slow", Duration.ZERO, () -> now += Duration.ofMillis(800).toNanos()); // 800 ms to its answer
        assertFalse(call(rate, Duration.ofMillis(999)), "a second after the answer, not after the start");
        assertTrue(call(rate, Duration.ofSeconds(1)));
        assertEquals(Duration.ofMillis(1800).toNanos(), turns.get(0) - start,
                "a call's arrival may be late; its answer is never early");
    }
}

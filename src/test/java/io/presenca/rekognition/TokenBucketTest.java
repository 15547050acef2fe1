package io.presenca.rekognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rate limit on a fake clock: sleeping advances it, so the figures are exact and the test takes no time. */
class TokenBucketTest {

    private long now;
    private long slept;

    private TokenBucket bucket(double perSecond) {
        return new TokenBucket(perSecond, () -> now, nanos -> {
            slept += nanos;
            now += nanos;
        });
    }

    @Test
    void aFullBucketGivesOneSecondsWorthAtOnceThenOneTokenPerInterval() throws Exception {
        TokenBucket bucket = bucket(5);
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.acquire(Duration.ZERO), "burst token " + i);
        }
        assertFalse(bucket.acquire(Duration.ZERO), "the sixth call in the same instant would exceed 5/s");
        assertFalse(bucket.acquire(Duration.ofMillis(199)), "the next token comes in 200 ms");
        assertEquals(0, slept, "a refused caller does not wait");
        assertTrue(bucket.acquire(Duration.ofMillis(200)));
        assertEquals(Duration.ofMillis(200).toNanos(), slept, "it waited exactly until its token");
    }

    @Test
    void sustainedCallsRunAtTheConfiguredRate() throws Exception {
        TokenBucket bucket = bucket(5);
        long start = now;
        for (int i = 0; i < 55; i++) {
            assertTrue(bucket.acquire(Duration.ofSeconds(1)));
        }
        // 5 from the initial burst, then 50 at 5 per second
        assertEquals(10.0, (now - start) / 1e9, 1e-6);
    }

    @Test
    void waitingCallersQueueBehindEachOtherWithinTheirBudget() throws Exception {
        TokenBucket bucket = bucket(2);
        assertTrue(bucket.acquire(Duration.ZERO));
        assertTrue(bucket.acquire(Duration.ZERO));
        // each further token is 500 ms later than the one before; a frame budget of 1 s allows two of them
        assertTrue(bucket.acquire(Duration.ofSeconds(1)));
        assertTrue(bucket.acquire(Duration.ofSeconds(1)));
        long before = now;
        assertFalse(bucket.acquire(Duration.ofMillis(400)), "the next one is 500 ms away");
        assertEquals(before, now);
    }

    @Test
    void unusedTimeRefillsOnlyUpToTheBurst() throws Exception {
        TokenBucket bucket = bucket(0.5);
        assertTrue(bucket.acquire(Duration.ZERO));
        now += Duration.ofMinutes(10).toNanos();
        assertTrue(bucket.acquire(Duration.ZERO), "a rate below 1/s still holds one token");
        assertFalse(bucket.acquire(Duration.ofSeconds(1)), "not two: the burst is one token");
        assertTrue(bucket.acquire(Duration.ofSeconds(2)));
    }
}

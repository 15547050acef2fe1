package io.presenca.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The circuit breakers around the gateway's remote services (the school's API, Rekognition), built on
 * resilience4j, the library Camel's {@code circuitBreaker} EIP uses too: the same breaker bean can sit
 * in a route later. What counts as what is decided here, once, rather than by each caller, so that
 * every permission the breaker grants is given back on every path:
 * <ul>
 *   <li>an outage (network, timeout, overload) is recorded as a failure;</li>
 *   <li>an answer the service gave on purpose (a refused key, a refused request) as a success;</li>
 *   <li>anything else (a bug on our side) is ignored and the permission released.</li>
 * </ul>
 */
public final class Breakers {

    private Breakers() {
    }

    /**
     * Opens after {@code failuresToOpen} failed calls in a row; after {@code openFor} one trial call
     * is let through, whose outcome closes or re-opens it.
     */
    public static CircuitBreaker create(String name, int failuresToOpen, Duration openFor, Predicate<Throwable> outage,
                                        Predicate<Throwable> answer, Clock clock) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                // a window of N calls that must all fail: N failures in a row
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(failuresToOpen)
                .minimumNumberOfCalls(failuresToOpen)
                .failureRateThreshold(100)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(outage)
                .ignoreException(e -> !outage.test(e) && !answer.test(e))
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        return CircuitBreaker.of(name, config);
    }

    /**
     * Whether a call may be made now, without holding a permission: an expired OPEN breaker moves to
     * HALF_OPEN and the trial permission is given straight back for the real call to take.
     */
    public static boolean allowsCall(CircuitBreaker breaker) {
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        breaker.releasePermission();
        return true;
    }
}

package io.presenca.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one breaker's events: logs each change of state once (not once per call) and tells the
 * health checks how long it has not been CLOSED and after how many failures.
 */
public final class BreakerWatch {

    private static final Logger LOG = LoggerFactory.getLogger(BreakerWatch.class);

    private final CircuitBreaker breaker;
    private final String service;
    private final String whileOpen;
    private final Clock clock;
    private int failuresInARow;
    private int failuresWhenOpened;
    private String lastFailure;
    private Instant changedAt;

    /**
     * @param service   the service's name in log lines, e.g. "Rekognition"
     * @param whileOpen what callers do meanwhile, for the log line, e.g. "matching locally"
     */
    public BreakerWatch(CircuitBreaker breaker, String service, String whileOpen, Clock clock) {
        this.breaker = breaker;
        this.service = service;
        this.whileOpen = whileOpen;
        this.clock = clock;
        this.changedAt = clock.instant();
        breaker.getEventPublisher()
                .onError(event -> failed(event.getThrowable()))
                .onSuccess(event -> succeeded())
                .onStateTransition(event -> changed(event.getStateTransition()));
    }

    private synchronized void failed(Throwable failure) {
        failuresInARow++;
        lastFailure = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    private synchronized void succeeded() {
        failuresInARow = 0;
    }

    private synchronized void changed(CircuitBreaker.StateTransition transition) {
        changedAt = clock.instant();
        switch (transition.getToState()) {
            case OPEN -> {
                failuresWhenOpened = failuresInARow;
                if (transition.getFromState() == CircuitBreaker.State.CLOSED) {
                    LOG.warn("{} failed {} times in a row (last: {}): {}, trying it again every {} s", service,
                            failuresInARow, lastFailure, whileOpen,
                            breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1) / 1000);
                }
            }
            case CLOSED -> LOG.info("{} answers again", service);
            default -> LOG.debug("{} circuit breaker {}", service, transition);
        }
    }

    /** Null while the breaker is CLOSED; else e.g. "circuit open for 42 s after 5 failures". */
    public synchronized String problem() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.CLOSED) {
            return null;
        }
        long seconds = Duration.between(changedAt, clock.instant()).toSeconds();
        String what = state == CircuitBreaker.State.HALF_OPEN ? "circuit half-open (one trial call allowed)"
                : "circuit " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return what + " for " + seconds + " s after " + failuresWhenOpened + " failures"
                + (lastFailure == null ? "" : " (last: " + lastFailure + ")");
    }
}

package io.presenca.rekognition;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.resilience.BreakerWatch;
import io.presenca.resilience.Breakers;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The gateway's connection to Rekognition: every call passes through here, so the rate limit, the
 * circuit breaker and the handling of each kind of failure are the same for enrollment, recognition
 * and re-verification. Nothing here throws for a Rekognition problem: the caller gets an
 * {@link Outcome} and decides (the matchers fall back to the local matcher).
 */
public final class RekognitionLink {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionLink.class);

    /** Why a call was not made. */
    public enum Skip {
        /** Credentials were refused earlier in this run. */
        DISABLED,
        /** The collection is missing until the collection sync re-creates it. */
        NO_COLLECTION,
        /** Recent calls failed; the breaker is open. */
        CIRCUIT_OPEN,
        /** No turn at the rate limit within the time the caller could wait. */
        OVER_BUDGET
    }

    /** The result of one attempted call. */
    public sealed interface Outcome<T> {
    }

    public record Answered<T>(T value) implements Outcome<T> {
    }

    public record NotCalled<T>(Skip reason) implements Outcome<T> {
    }

    public record Failed<T>(RekognitionFailure failure) implements Outcome<T> {
    }

    private static final int FAILURES_TO_OPEN = 3;

    private final String collectionId;
    private final CircuitBreaker breaker;
    private final BreakerWatch breakerWatch;
    private final Map<Skip, AtomicLong> skips = new EnumMap<>(Skip.class);
    private final Map<RekognitionFailure.Kind, AtomicLong> failures = new EnumMap<>(RekognitionFailure.Kind.class);
    private final AtomicLong answered = new AtomicLong();
    private volatile RekognitionFailure disabledBy;
    private volatile boolean collectionMissing;

    /** Opens the breaker after three failed calls in a row; {@code retryAfter} later one call tries again. */
    public RekognitionLink(String collectionId, Duration retryAfter, Clock clock) {
        this.collectionId = collectionId;
        this.breaker = Breakers.create("rekognition", FAILURES_TO_OPEN, retryAfter, RekognitionLink::isOutage,
                e -> e instanceof SdkException, clock);
        this.breakerWatch = new BreakerWatch(breaker, "Rekognition", "matching locally", clock);
        for (Skip skip : Skip.values()) {
            skips.put(skip, new AtomicLong());
        }
        for (RekognitionFailure.Kind kind : RekognitionFailure.Kind.values()) {
            failures.put(kind, new AtomicLong());
        }
    }

    /**
     * Makes the call if credentials, collection and breaker allow it; a call whose turn at the rate
     * limit ({@link CallRate.NoTurnInTime}) comes too late is not made. {@code operation} names the
     * call in log lines ("SearchFacesByImage").
     */
    public <T> Outcome<T> call(String operation, Supplier<T> call) {
        return attempt(true, operation, call);
    }

    /** For the collection's own upkeep (it is what repairs a missing collection): no collection check. */
    <T> Outcome<T> callForUpkeep(String operation, Supplier<T> call) {
        return attempt(false, operation, call);
    }

    private <T> Outcome<T> attempt(boolean needsCollection, String operation, Supplier<T> call) {
        if (disabledBy != null) {
            return notCalled(Skip.DISABLED);
        }
        if (needsCollection && collectionMissing) {
            return notCalled(Skip.NO_COLLECTION);
        }
        // only asks: the permission is taken by the call itself, and given back however it ends
        if (!Breakers.allowsCall(breaker)) {
            return notCalled(Skip.CIRCUIT_OPEN);
        }
        return callNow(operation, call);
    }

    /** Network down, timeout, 5xx, throttled: counts against the breaker; other SDK errors are answers. */
    private static boolean isOutage(Throwable failure) {
        return failure instanceof SdkException e && RekognitionFailure.classify(e).kind().countsAgainstService();
    }

    /**
     * The breaker takes its permission and gives it back however the call ends: an SDK error is
     * recorded as failure or answer, anything else (a bug) releases the permission and is thrown on.
     */
    private <T> Outcome<T> callNow(String operation, Supplier<T> call) {
        try {
            T value = breaker.executeSupplier(call);
            answered.incrementAndGet();
            return new Answered<>(value);
        } catch (CallNotPermittedException e) {
            // another caller took the one trial call of the half-open breaker
            return notCalled(Skip.CIRCUIT_OPEN);
        } catch (CallRate.NoTurnInTime e) {
            return notCalled(Skip.OVER_BUDGET);
        } catch (SdkException e) {
            RekognitionFailure failure = RekognitionFailure.classify(e);
            failures.get(failure.kind()).incrementAndGet();
            react(operation, failure);
            return new Failed<>(failure);
        }
    }

    private void react(String operation, RekognitionFailure failure) {
        switch (failure.kind()) {
            case UNAVAILABLE, THROTTLED -> LOG.debug("Rekognition {} failed: {}", operation, failure.message());
            case NO_FACE, REFUSED -> {
                // Rekognition answered: nothing to do but fall back for this face
            }
            case BAD_CREDENTIALS -> {
                if (disabledBy == null) {
                    disabledBy = failure;
                    LOG.error("Rekognition refused the gateway's AWS credentials ({}: {}). Faces are matched locally from now"
                            + " on (recorded as matcher=local-fallback). Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and"
                            + " AWS_REGION (or an AWS profile) for an IAM user allowed the rekognition actions listed in"
                            + " README.md, then restart.", operation, failure.message());
                }
            }
            case COLLECTION_MISSING -> {
                if (!collectionMissing) {
                    collectionMissing = true;
                    LOG.error("Rekognition collection '{}' does not exist ({}: {}). Faces are matched locally until the"
                            + " collection sync re-creates it and indexes the enrolled photos again (or run"
                            + " 'java -jar presenca.jar reindex').", collectionId, operation, failure.message());
                }
            }
        }
    }

    private <T> Outcome<T> notCalled(Skip reason) {
        skips.get(reason).incrementAndGet();
        return new NotCalled<>(reason);
    }

    /** The collection exists (again): searches may be sent. */
    void collectionReady() {
        if (collectionMissing) {
            LOG.info("Rekognition collection '{}' is ready again", collectionId);
        }
        collectionMissing = false;
    }

    /** A search found the collection missing; the collection sync re-creates it. */
    boolean collectionMissing() {
        return collectionMissing;
    }

    public String collectionId() {
        return collectionId;
    }

    /** Null while Rekognition may be called; otherwise the failure that stopped it for this run. */
    public RekognitionFailure disabledBy() {
        return disabledBy;
    }

    /** Whether a call now would be made at all (ignoring the rate limit): for callers that need not even try. */
    public boolean looksReachable() {
        return disabledBy == null && !collectionMissing && breaker.getState() != CircuitBreaker.State.OPEN;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Says how long the breaker has not been closed, for the health check. */
    public BreakerWatch breakerWatch() {
        return breakerWatch;
    }

    public long answered() {
        return answered.get();
    }

    public long failures(RekognitionFailure.Kind kind) {
        return failures.get(kind).get();
    }

    public long skipped(Skip reason) {
        return skips.get(reason).get();
    }

    /** "412 answered, 3 throttled, 10 unavailable, 25 skipped (circuit open)..." for the closing log line. */
    public String summary() {
        StringBuilder text = new StringBuilder(answered() + " answered");
        failures.forEach((kind, count) -> {
            if (count.get() > 0) {
                text.append(", ").append(count.get()).append(' ').append(kind.name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        skips.forEach((skip, count) -> {
            if (count.get() > 0) {
                text.append(", ").append(count.get()).append(" not sent (")
                        .append(skip.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(')');
            }
        });
        return text.toString();
    }
}

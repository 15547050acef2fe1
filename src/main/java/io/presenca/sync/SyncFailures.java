package io.presenca.sync;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.presenca.store.DatabaseException;
import io.presenca.store.PendingRecord;
import io.presenca.store.RetryPlan;
import io.presenca.store.SyncLogEntry;
import io.presenca.store.SyncQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync routes' shared failure handling (routeConfiguration {@code sync-failures}). A failed
 * attendance batch counts an attempt on each of its records and schedules the next with backoff;
 * past the retry budget a record becomes dead (a person re-sends it with {@code sync --retry-dead}).
 * A refused API key stops syncing with one clear log line and raises the alert, without touching
 * the records. Either way the pass stops and a sync log row says what happened.
 */
public final class SyncFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SyncFailures.class);
    /** The exchange property in which the route keeps the batch in flight. */
    private static final String SYNC_BATCH = "syncBatch";

    private final SyncQueue queue;
    private final Backoff backoff;
    private final int maxAttempts;
    private final SyncAlerts alerts;
    private final Clock clock;
    private volatile String lastFailure;

    public SyncFailures(SyncQueue queue, Backoff backoff, int maxAttempts, SyncAlerts alerts, Clock clock) {
        this.queue = queue;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Network, timeout, 5xx, 429, malformed answer, PostgreSQL or SQLite failure: try again later. */
    public void retryLater(Exchange exchange) {
        Throwable failure = caught(exchange);
        String error = describe(failure);
        lastFailure = error;
        SyncBatch batch = exchange.getProperty(SYNC_BATCH, SyncBatch.class);
        if (failure instanceof CallNotPermittedException && batch != null) {
            // the breaker opened since the gate looked: nothing was sent, so no attempt is counted
            batch.run().stop(error);
            LOG.debug("Sync pass ended without sending: {}", error);
            return;
        }
        if (batch == null) {
            LOG.warn("Route {} failed, tried again at its next run: {}",
                    exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class), error);
            return;
        }
        batch.run().stop(error);
        Instant now = clock.instant();
        Duration serverAsked = failure instanceof RetryableSyncException r ? r.retryAfter() : null;
        List<RetryPlan> plans = new ArrayList<>();
        Duration firstWait = null;
        for (PendingRecord record : batch.records()) {
            Duration wait = backoff.after(record.attempts() + 1);
            if (serverAsked != null && serverAsked.compareTo(wait) > 0) {
                wait = serverAsked;
            }
            firstWait = firstWait == null ? wait : firstWait;
            plans.add(new RetryPlan(record.id(), now.plus(wait)));
        }
        int dead = queue.recordFailedAttempt(plans, error, maxAttempts,
                new SyncLogEntry(batch.startedAt(), now, batch.size(), 0, 0, batch.size(), error));
        LOG.warn("Sync of {} records failed, they stay pending (next try in about {} s): {}", batch.size(),
                String.format("%.1f", firstWait == null ? 0 : firstWait.toMillis() / 1000.0), error);
        if (dead > 0) {
            LOG.warn("{} records failed {} times and moved to dead letters; re-send them with"
                    + " `java -jar presenca.jar sync --retry-dead` once the cause is fixed", dead, maxAttempts);
        }
    }

    /**
     * HTTP 401/403, or a batch refused as breaking the API's contract: stop syncing until the cause is
     * fixed, with one ERROR line; the records are not at fault and keep their attempts.
     */
    public void stopSyncing(Exchange exchange) {
        Throwable failure = caught(exchange);
        String error = describe(failure);
        lastFailure = error;
        if (failure instanceof ApiKeyRefusedException) {
            if (alerts.raiseApiKeyRefused()) {
                LOG.error("Attendance sync stopped: {}. Records stay pending; set a valid EXTERNAL_API_KEY and restart.",
                        error);
            }
        } else if (alerts.raiseContractBreach(error)) {
            LOG.error("Attendance sync stopped: {}. Records stay pending and are not retried until then.", error);
        }
        SyncBatch batch = exchange.getProperty(SYNC_BATCH, SyncBatch.class);
        if (batch != null) {
            batch.run().stop(error);
            Instant now = clock.instant();
            queue.logWithoutCounting(new SyncLogEntry(batch.startedAt(), now, batch.size(), 0, 0, batch.size(), error));
        }
    }

    /** The last failure handled, for {@code sync --once} to print; cleared by reading it. */
    public String takeLastFailure() {
        String failure = lastFailure;
        lastFailure = null;
        return failure;
    }

    private static Throwable caught(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure == null ? new IllegalStateException("unknown failure") : failure;
    }

    /** The message a person can act on; unexpected exceptions keep their type. */
    private static String describe(Throwable failure) {
        if (failure instanceof RetryableSyncException || failure instanceof SyncStoppedException
                || failure instanceof DatabaseException || failure instanceof CallNotPermittedException) {
            return failure.getMessage();
        }
        return failure.toString();
    }
}

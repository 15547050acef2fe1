package io.presenca.sync;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.presenca.resilience.BreakerWatch;
import io.presenca.resilience.Breakers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route step at the start of each attendance sync: says whether a pass may start now. Not when the
 * API key was refused or a batch refused as a contract breach (until restart), not before the time a
 * 429's Retry-After named, not while the circuit breaker is open, and not while the
 * API or PostgreSQL cannot be reached: a gateway offline for days then costs its records no attempts.
 * Going offline and coming back are each logged once. The gate holds no breaker permission: it only
 * asks whether a call may be made (which moves an expired OPEN breaker to HALF_OPEN); the API call
 * itself takes the permission and gives it back, so a pass refused here or finding nothing due
 * cannot leave the breaker waiting for a trial that never comes.
 */
public final class SyncGate {

    private static final Logger LOG = LoggerFactory.getLogger(SyncGate.class);

    private final URI api;
    private final Duration connectTimeout;
    private final CentralDatabase central;
    private final CircuitBreaker circuit;
    private final BreakerWatch circuitWatch;
    private final SyncAlerts alerts;
    private final ApiPause pause;
    private final Clock clock;
    private volatile boolean online = true;
    private volatile String lastProblem;

    public SyncGate(URI api, Duration connectTimeout, CentralDatabase central, CircuitBreaker circuit,
                    BreakerWatch circuitWatch, SyncAlerts alerts, ApiPause pause, Clock clock) {
        this.api = api;
        this.connectTimeout = connectTimeout;
        this.central = central;
        this.circuit = circuit;
        this.circuitWatch = circuitWatch;
        this.alerts = alerts;
        this.pause = pause;
        this.clock = clock;
    }

    /**
     * A new pass, or null when none may run now. {@code now} (the {@code syncNow} header of
     * {@code sync --once}) also sends records whose retry time has not come yet.
     */
    public SyncRun open(@Header("syncNow") Boolean now) {
        String stopped = alerts.syncStopped();
        if (stopped != null) {
            return refuse(stopped);
        }
        Instant pausedUntil = pause.pausedUntil(clock.instant());
        if (pausedUntil != null) {
            return refuse("the external API asked for no call before " + pausedUntil + " (HTTP 429 Retry-After)");
        }
        if (!Breakers.allowsCall(circuit)) {
            return refuse("the external API's " + circuitWatch.problem() + "; the next try is after SYNC_CIRCUIT_OPEN_SECONDS");
        }
        String unreachable = unreachable();
        if (unreachable != null) {
            if (online) {
                LOG.warn("Central sync offline, records stay pending in SQLite: {}", unreachable);
            }
            online = false;
            return refuse(unreachable);
        }
        if (!online) {
            LOG.info("Central sync online again: {} and {} reachable", api.getHost(), central.describe());
        }
        online = true;
        lastProblem = null;
        return new SyncRun(!Boolean.TRUE.equals(now), clock.instant());
    }

    /** Why the last pass did not start, or null if it did. */
    public String lastProblem() {
        return lastProblem;
    }

    private SyncRun refuse(String problem) {
        lastProblem = problem;
        LOG.debug("No attendance sync now: {}", problem);
        return null;
    }

    private String unreachable() {
        String apiProblem = apiUnreachable();
        if (apiProblem != null) {
            return apiProblem;
        }
        try {
            central.checkReadyForPass();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return null;
    }

    /** Why the external API cannot be reached over TCP now, or null when it can (for the health check too). */
    public String apiUnreachable() {
        int port = api.getPort() > 0 ? api.getPort() : api.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(api.getHost(), port), (int) connectTimeout.toMillis());
        } catch (IOException e) {
            return "cannot reach the external API at " + api.getHost() + ":" + port + " (" + e.getMessage() + ")";
        }
        return null;
    }
}

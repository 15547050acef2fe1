package io.presenca.sync;

import io.presenca.resilience.CircuitBreaker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route step at the start of each attendance sync: says whether a pass may start now. Not when the
 * API key was refused (until restart), not while the circuit breaker is open, and not while the
 * API or PostgreSQL cannot be reached: a gateway offline for days then costs its records no attempts.
 * Going offline and coming back are each logged once.
 */
public final class SyncGate {

    private static final Logger LOG = LoggerFactory.getLogger(SyncGate.class);

    private final URI api;
    private final Duration connectTimeout;
    private final CentralDatabase central;
    private final CircuitBreaker circuit;
    private final SyncAlerts alerts;
    private volatile boolean online = true;
    private volatile String lastProblem;

    public SyncGate(URI api, Duration connectTimeout, CentralDatabase central, CircuitBreaker circuit, SyncAlerts alerts) {
        this.api = api;
        this.connectTimeout = connectTimeout;
        this.central = central;
        this.circuit = circuit;
        this.alerts = alerts;
    }

    /**
     * A new pass, or null when none may run now. {@code now} (the {@code syncNow} header of
     * {@code sync --once}) also sends records whose retry time has not come yet.
     */
    public SyncRun open(@Header("syncNow") Boolean now) {
        if (alerts.apiKeyRefused()) {
            return refuse("the external API refused the API key; fix EXTERNAL_API_KEY and restart");
        }
        if (!circuit.allowsCall()) {
            return refuse("the circuit breaker is open after repeated API failures");
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
        return new SyncRun(!Boolean.TRUE.equals(now));
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
        int port = api.getPort() > 0 ? api.getPort() : api.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(api.getHost(), port), (int) connectTimeout.toMillis());
        } catch (IOException e) {
            return "cannot reach the external API at " + api.getHost() + ":" + port + " (" + e.getMessage() + ")";
        }
        try {
            central.checkReady();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return null;
    }
}

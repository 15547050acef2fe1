package io.presenca.sync;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Conditions a person must act on, kept where a health check or metrics endpoint can read them: the
 * API key was refused, or the API refused a whole batch as breaking its contract (a permanent 4xx).
 * Either stops syncing until the cause is fixed and the gateway restarted.
 */
public final class SyncAlerts {

    private final AtomicBoolean apiKeyRefused = new AtomicBoolean();
    private final AtomicLong apiKeyRefusals = new AtomicLong();
    private final AtomicReference<String> contractBreach = new AtomicReference<>();

    /** Returns true the first time, so the caller logs the one clear line. */
    boolean raiseApiKeyRefused() {
        apiKeyRefusals.incrementAndGet();
        return apiKeyRefused.compareAndSet(false, true);
    }

    /** Returns true the first time, so the caller logs the one clear line. */
    boolean raiseContractBreach(String problem) {
        return contractBreach.compareAndSet(null, problem);
    }

    public boolean apiKeyRefused() {
        return apiKeyRefused.get();
    }

    /** How many answers refused the key since start (an alert counter for metrics). */
    public long apiKeyRefusals() {
        return apiKeyRefusals.get();
    }

    /** What the API said when it refused a batch as breaking its contract; null if it never did. */
    public String contractBreach() {
        return contractBreach.get();
    }

    /** Why syncing is stopped until a restart, or null while it is not. */
    public String syncStopped() {
        if (apiKeyRefused()) {
            return "the external API refused the API key; fix EXTERNAL_API_KEY and restart";
        }
        String breach = contractBreach();
        return breach == null ? null : "the external API refused a batch as breaking its contract (" + breach
                + "); fix the cause and restart";
    }
}

package io.presenca.sync;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conditions a person must act on, kept where a health check or metrics endpoint can read them:
 * the API key was refused (sync stopped until the key is fixed and the gateway restarted).
 */
public final class SyncAlerts {

    private final AtomicBoolean apiKeyRefused = new AtomicBoolean();
    private final AtomicLong apiKeyRefusals = new AtomicLong();

    /** Returns true the first time, so the caller logs the one clear line. */
    boolean raiseApiKeyRefused() {
        apiKeyRefusals.incrementAndGet();
        return apiKeyRefused.compareAndSet(false, true);
    }

    public boolean apiKeyRefused() {
        return apiKeyRefused.get();
    }

    /** How many answers refused the key since start (an alert counter for metrics). */
    public long apiKeyRefusals() {
        return apiKeyRefusals.get();
    }
}

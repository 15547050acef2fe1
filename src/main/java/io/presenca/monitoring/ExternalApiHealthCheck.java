package io.presenca.monitoring;

import io.presenca.resilience.CircuitBreaker;
import io.presenca.sync.CentralSync;

/** The school's validation API is reachable, its key accepted and its circuit breaker closed (readiness only). */
final class ExternalApiHealthCheck extends GatewayHealthCheck {

    private final CentralSync sync;

    ExternalApiHealthCheck(CentralSync sync) {
        super("external-api", false);
        this.sync = sync;
    }

    @Override
    String problem() {
        if (sync.alerts().apiKeyRefused()) {
            return "the external API refused EXTERNAL_API_KEY (401/403): syncing stopped; fix the key and restart";
        }
        if (sync.apiCircuit().state() == CircuitBreaker.State.OPEN) {
            return "circuit breaker open after repeated failed API calls; the next call waits SYNC_CIRCUIT_OPEN_SECONDS";
        }
        return sync.gate().apiUnreachable();
    }
}

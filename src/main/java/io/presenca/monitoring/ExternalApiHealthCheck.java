package io.presenca.monitoring;

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
        String stopped = sync.syncAlerts().syncStopped();
        if (stopped != null) {
            return "syncing stopped: " + stopped;
        }
        String breaker = sync.apiCircuitWatch().problem();
        if (breaker != null) {
            return breaker + " (failed API calls; records stay pending, the next try is after SYNC_CIRCUIT_OPEN_SECONDS)";
        }
        return sync.syncGate().apiUnreachable();
    }
}

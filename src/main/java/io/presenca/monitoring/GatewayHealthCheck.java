package io.presenca.monitoring;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A presenca health check: UP, or DOWN with a sentence saying why and what to do. Each check says
 * whether it counts for liveness (restart the gateway if DOWN) or only readiness (it cannot do all
 * of its job now, e.g. the central database is offline, while attendance keeps being recorded).
 */
abstract class GatewayHealthCheck extends AbstractHealthCheck {

    private final boolean liveness;

    GatewayHealthCheck(String id, boolean liveness) {
        super("presenca", id);
        this.liveness = liveness;
    }

    /** Null when healthy, else why not. */
    abstract String problem();

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String problem;
        try {
            problem = problem();
        } catch (RuntimeException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (problem == null) {
            builder.up();
        } else {
            builder.down().message(problem);
        }
    }

    @Override
    public boolean isLiveness() {
        return liveness;
    }

    @Override
    public boolean isReadiness() {
        return true;
    }
}

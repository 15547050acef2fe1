package io.presenca.routes;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route the supervised route controller could not start, as a WARN a school sees: Camel logs each
 * attempt at INFO only, and a camera route retried quietly for hours is a door where nobody is marked.
 */
public final class FailedRouteStarts extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(FailedRouteStarts.class);

    public FailedRouteStarts() {
        setIgnoreExchangeEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteRestartingFailureEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.RouteRestartingFailureEvent failure = (CamelEvent.RouteRestartingFailureEvent) event;
        String reason = failure.getCause() == null ? "unknown" : failure.getCause().getMessage();
        if (failure.isExhausted()) {
            LOG.error("Route {} could not start after {} attempts and is given up: {}. Fix the cause and restart"
                    + " the gateway.", failure.getRoute().getRouteId(), failure.getAttempt(), reason);
        } else {
            LOG.warn("Route {} could not start (attempt {}): {}. It is tried again, waiting longer each time;"
                    + " health is DOWN until it runs.", failure.getRoute().getRouteId(), failure.getAttempt(), reason);
        }
    }
}

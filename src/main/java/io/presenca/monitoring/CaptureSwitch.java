package io.presenca.monitoring;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pauses and resumes the capture route (the camera is released while paused), for JMX and the dashboard. */
public final class CaptureSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSwitch.class);

    private final CamelContext context;

    public CaptureSwitch(CamelContext context) {
        this.context = context;
    }

    public String pause() {
        try {
            context.getRouteController().stopRoute(Pipeline.CAPTURE_ROUTE);
        } catch (Exception e) {
            // no cause: a remote JMX client would need Camel's classes to read it
            throw new IllegalStateException("Could not pause capture: " + e.getMessage());
        }
        LOG.warn("Capture paused by an operator: no frames are read until it is resumed");
        return "Capture paused.";
    }

    public String resume() {
        try {
            context.getRouteController().startRoute(Pipeline.CAPTURE_ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException("Could not resume capture: " + e.getMessage());
        }
        LOG.info("Capture resumed by an operator");
        return "Capture resumed.";
    }
}

package io.presenca.camera;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs camera outages once, not once per retry: an unplugged camera retried every 5 s for a weekend would otherwise
 * bury every other log line. WARN when the camera goes down, DEBUG while it stays down, INFO when it is back.
 */
final class AvailabilityLog {

    private static final Logger LOG = LoggerFactory.getLogger(CameraConsumer.class);

    private final String cameraName;
    private final String retryEvery;
    private boolean down;

    AvailabilityLog(String cameraName, long reconnectDelayMillis) {
        this.cameraName = cameraName;
        this.retryEvery = seconds(reconnectDelayMillis);
    }

    void unavailable(String sourceDescription, String reason) {
        reason = withoutFinalPeriod(reason);
        if (down) {
            LOG.debug("Camera '{}' ({}) still not available: {}", cameraName, sourceDescription, reason);
            return;
        }
        down = true;
        LOG.warn("Camera '{}' ({}) is not available: {}. Check the cable or CAMERA_INDEX/CAMERA_SOURCE; retrying every {}",
                cameraName, sourceDescription, reason, retryEvery);
    }

    void connected(String sourceDescription) {
        if (down) {
            LOG.info("Camera '{}' is back ({})", cameraName, sourceDescription);
        } else {
            LOG.info("Camera '{}' reading {}", cameraName, sourceDescription);
        }
        down = false;
    }

    /** Grabber messages end in "." and the line goes on with ". Check the cable": avoid "..". */
    private static String withoutFinalPeriod(String reason) {
        String r = reason == null ? "unknown reason" : reason.strip();
        while (r.endsWith(".")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
    }
}

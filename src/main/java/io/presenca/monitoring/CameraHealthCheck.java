package io.presenca.monitoring;

import io.presenca.camera.CameraConsumer;
import io.presenca.config.UrlCredentials;
import java.util.Optional;

/** The capture route's camera is open and delivering frames (readiness only: a camera may be replugged). */
final class CameraHealthCheck extends GatewayHealthCheck {

    private final PipelineStats stats;
    private final String source;

    CameraHealthCheck(PipelineStats stats, String source) {
        super("camera", false);
        this.stats = stats;
        this.source = UrlCredentials.mask(source); // health answers without login
    }

    @Override
    String problem() {
        Optional<CameraConsumer> camera = stats.camera();
        if (camera.isEmpty() || !camera.get().isStarted()) {
            return "the capture route is not running (paused, stopped or not loaded); camera source " + source;
        }
        if (!camera.get().isConnected()) {
            return "camera source " + source + " is not open: unplugged or a wrong CAMERA_SOURCE/CAMERA_INDEX (the gateway"
                    + " keeps retrying; see the log), or a video file or folder that has been read to its end";
        }
        return null;
    }
}

package io.presenca.monitoring;

import io.presenca.vision.FaceQuality;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timer-route step: one INFO line every LOG_SUMMARY_SECONDS with what capture did since the last
 * one (frames, faces, unknown faces, rejections by reason, records, held for review), in place of
 * a line per frame (those are at DEBUG). Nothing is logged for a period when nothing happened.
 */
public final class CaptureLogSummary {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureLogSummary.class);

    private final PipelineStats stats;
    private long frames;
    private long faces;
    private long unknown;
    private long recorded;
    private long held;
    private Map<FaceQuality.Rejection, Long> rejections = new EnumMap<>(FaceQuality.Rejection.class);

    public CaptureLogSummary(PipelineStats stats) {
        this.stats = stats;
    }

    /** Logs the period's counts; returns the line, or null when nothing happened. */
    public synchronized String log() {
        // once capture has stopped there is no camera to ask: its last count stands
        long nowFrames = stats.camera().isPresent() ? stats.frames() : frames;
        long nowFaces = stats.faces();
        long nowUnknown = stats.unknownFaces();
        long nowRecorded = stats.matches();
        long nowHeld = stats.heldForReview();
        Map<FaceQuality.Rejection, Long> nowRejections = new EnumMap<>(stats.rejectionsByReason());
        // a camera that reconnected starts counting its frames again
        long newFrames = nowFrames >= frames ? nowFrames - frames : nowFrames;
        String rejected = nowRejections.entrySet().stream()
                .filter(e -> e.getValue() > rejections.getOrDefault(e.getKey(), 0L))
                .map(e -> e.getKey().name().toLowerCase() + " " + (e.getValue() - rejections.getOrDefault(e.getKey(), 0L)))
                .collect(Collectors.joining(", "));
        boolean idle = newFrames == 0 && nowFaces == faces && nowRecorded == recorded;
        String line = idle ? null : String.format("Capture: %d frames, %d faces, %d unknown, rejected: %s;"
                        + " %d recorded, %d held for review", newFrames, nowFaces - faces, nowUnknown - unknown,
                rejected.isEmpty() ? "none" : rejected, nowRecorded - recorded, nowHeld - held);
        frames = nowFrames;
        faces = nowFaces;
        unknown = nowUnknown;
        recorded = nowRecorded;
        held = nowHeld;
        rejections = nowRejections;
        if (line != null) {
            LOG.info(line);
        }
        return line;
    }
}

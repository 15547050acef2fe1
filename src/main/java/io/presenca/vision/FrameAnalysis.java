package io.presenca.vision;

import java.time.Instant;
import java.util.List;

/** The faces of one camera frame, with where and when the frame was taken. */
public record FrameAnalysis(long sequence, Instant capturedAt, String origin, List<FaceObservation> faces) {

    /** Faces that passed the quality gate and carry a descriptor. */
    public List<FaceObservation> describedFaces() {
        return faces.stream().filter(f -> f.descriptor() != null).toList();
    }

    public boolean hasAcceptedFaces() {
        return faces.stream().anyMatch(FaceObservation::passedQualityGate);
    }
}

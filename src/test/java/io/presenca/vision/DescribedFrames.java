package io.presenca.vision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link FrameAnalysis} values whose faces already carry descriptors, for tests of the steps
 * after the vision ones (matching, consensus) that should not need images and models.
 */
public final class DescribedFrames {

    private DescribedFrames() {
    }

    /** A frame with one described face per descriptor; a null descriptor stands for a face the quality gate rejected. */
    public static FrameAnalysis frame(long sequence, Instant capturedAt, float[]... descriptors) {
        List<FaceObservation> faces = new ArrayList<>();
        for (float[] descriptor : descriptors) {
            DetectedFace box = new DetectedFace(10, 10, 100, 100,
                    new float[] {40, 50, 80, 50, 60, 70, 45, 90, 75, 90}, 0.9f);
            FaceObservation observation = new FaceObservation(box, null);
            if (descriptor != null) {
                observation.setQuality(new FaceQuality(null, 100, 100, 120, 0, 0, 1));
                observation.setDescriptor(descriptor);
            } else {
                observation.setQuality(new FaceQuality(FaceQuality.Rejection.BLURRY, 100, 1, 120, 0, 0, 0));
            }
            faces.add(observation);
        }
        return new FrameAnalysis(sequence, capturedAt, "test#" + sequence, faces);
    }
}

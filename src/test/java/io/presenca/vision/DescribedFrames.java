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

    /**
     * As {@link #frame}, each face also carrying a crop for a remote matcher: a JPEG-looking byte array
     * whose fifth byte is the face's index in the frame, so a test can tell which face was sent.
     */
    public static FrameAnalysis frameWithCrops(long sequence, Instant capturedAt, float[]... descriptors) {
        FrameAnalysis frame = frame(sequence, capturedAt, descriptors);
        for (int i = 0; i < frame.faces().size(); i++) {
            frame.faces().get(i).setCrop(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, (byte) i,
                    (byte) 0xFF, (byte) 0xD9});
        }
        return frame;
    }

    /** A frame with one described face per descriptor; a null descriptor stands for a face the quality gate rejected. */
    public static FrameAnalysis frame(long sequence, Instant capturedAt, float[]... descriptors) {
        return frame(sequence, capturedAt, 1, descriptors);
    }

    /** As {@link #frame(long, Instant, float[]...)}, the described faces with the quality gate's {@code score}. */
    public static FrameAnalysis frame(long sequence, Instant capturedAt, double score, float[]... descriptors) {
        List<FaceObservation> faces = new ArrayList<>();
        for (float[] descriptor : descriptors) {
            DetectedFace box = new DetectedFace(10, 10, 100, 100,
                    new float[] {40, 50, 80, 50, 60, 70, 45, 90, 75, 90}, 0.9f);
            FaceObservation observation = new FaceObservation(box, null, null);
            if (descriptor != null) {
                observation.setQuality(new FaceQuality(null, 100, 100, 120, 0, 0, score));
                observation.setDescriptor(descriptor);
            } else {
                observation.setQuality(new FaceQuality(FaceQuality.Rejection.BLURRY, 100, 1, 120, 0, 0, 0));
            }
            faces.add(observation);
        }
        return new FrameAnalysis(sequence, capturedAt, "test#" + sequence, faces);
    }
}

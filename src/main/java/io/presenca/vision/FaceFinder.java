package io.presenca.vision;

import io.presenca.camera.CapturedFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Capture-route step: every face of a frame, detected and cut to an aligned chip; with {@code keepCrops}
 * also to a JPEG crop for a remote matcher, made now because the frame is gone once the route ends.
 */
public final class FaceFinder {

    private final FaceDetector detector;
    private final FaceAligner aligner;
    private final boolean keepCrops;

    public FaceFinder(FaceDetector detector, FaceAligner aligner) {
        this(detector, aligner, false);
    }

    public FaceFinder(FaceDetector detector, FaceAligner aligner, boolean keepCrops) {
        this.detector = detector;
        this.aligner = aligner;
        this.keepCrops = keepCrops;
    }

    public FrameAnalysis findFaces(CapturedFrame frame) {
        List<FaceObservation> faces = new ArrayList<>();
        for (DetectedFace face : detector.detect(frame.image())) {
            FaceObservation observation = new FaceObservation(face, aligner.align(frame.image(), face),
                    aligner.alignForDescriptor(frame.image(), face));
            if (keepCrops) {
                observation.setCrop(FaceCrops.cut(frame.image(), face));
            }
            faces.add(observation);
        }
        return new FrameAnalysis(frame.sequence(), frame.capturedAt(), frame.origin(), faces);
    }
}

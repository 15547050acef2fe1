package io.presenca.vision;

import io.presenca.camera.CapturedFrame;
import java.util.ArrayList;
import java.util.List;

/** Capture-route step: every face of a frame, detected and cut to an aligned chip. */
public final class FaceFinder {

    private final FaceDetector detector;
    private final FaceAligner aligner;

    public FaceFinder(FaceDetector detector, FaceAligner aligner) {
        this.detector = detector;
        this.aligner = aligner;
    }

    public FrameAnalysis findFaces(CapturedFrame frame) {
        List<FaceObservation> faces = new ArrayList<>();
        for (DetectedFace face : detector.detect(frame.image())) {
            faces.add(new FaceObservation(face, aligner.align(frame.image(), face)));
        }
        return new FrameAnalysis(frame.sequence(), frame.capturedAt(), frame.origin(), faces);
    }
}

package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Keeps faces the descriptor cannot be trusted on away from matching: too small, blurred, badly
 * lit, or turned away. Size and pose come from the detector's landmarks; sharpness and brightness
 * from the aligned chip, so they are measured on the same pixels whatever the face's size.
 */
public final class QualityGate {

    /**
     * @param minFaceSize  shorter side of the face box, in frame pixels
     * @param minSharpness variance of the Laplacian over the centre of the grey chip
     * @param maxYaw       nose offset from the eye midline, as a share of the eye distance
     * @param maxPitch     how far the nose-to-eye-line distance strays from a frontal face's, same units
     */
    public record Limits(int minFaceSize, double minSharpness, double minBrightness, double maxBrightness,
                         double maxYaw, double maxPitch) {

        /** Every face passes: verification compares every pair, whatever the photos look like. */
        public static final Limits NONE = new Limits(0, 0, 0, 256, Double.MAX_VALUE, Double.MAX_VALUE);
    }

    /** Frontal faces have the nose this far below the eye line, in eye distances (dlib mean face). */
    private static final double FRONTAL_NOSE_DROP = (76.56 - 46.60) / (100.48 - 47.55);
    /** The inner part of the chip: the face itself, not the background around it. */
    private static final Rect CHIP_CENTRE = new Rect(35, 35, 80, 80);

    private static final Logger LOG = LoggerFactory.getLogger(QualityGate.class);

    private final Limits limits;
    private final Map<FaceQuality.Rejection, AtomicLong> rejections = new EnumMap<>(FaceQuality.Rejection.class);
    private final AtomicLong accepted = new AtomicLong();

    public QualityGate(Limits limits) {
        this.limits = limits;
        for (FaceQuality.Rejection reason : FaceQuality.Rejection.values()) {
            rejections.put(reason, new AtomicLong());
        }
    }

    /** Capture-route step: assess every face of the frame; rejected faces are counted and go no further. */
    public FrameAnalysis screen(FrameAnalysis frame) {
        List<String> reasons = new ArrayList<>();
        for (FaceObservation observation : frame.faces()) {
            FaceQuality quality = assess(observation.face(), observation.chip());
            observation.setQuality(quality);
            if (!quality.accepted()) {
                rejections.get(quality.rejection()).incrementAndGet();
                reasons.add(quality.describe(limits));
                observation.releaseChip();
            } else {
                accepted.incrementAndGet();
            }
        }
        if (!reasons.isEmpty()) {
            LOG.debug("Frame {} ({}): {} face(s) not recognisable: {}", frame.sequence(), frame.origin(), reasons.size(),
                    String.join("; ", reasons));
        }
        return frame;
    }

    /** Faces rejected so far, by reason. */
    public Map<FaceQuality.Rejection, Long> rejectionCounts() {
        Map<FaceQuality.Rejection, Long> counts = new EnumMap<>(FaceQuality.Rejection.class);
        rejections.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }

    /** Faces that passed so far (and went on to be described and matched). */
    public long acceptedFaces() {
        return accepted.get();
    }

    public Limits limits() {
        return limits;
    }

    public FaceQuality assess(DetectedFace face, Mat chip) {
        double eyeDistance = Math.max(face.eyeDistance(), 1e-6);
        double ux = (face.landmarkX(DetectedFace.LEFT_EYE) - face.landmarkX(DetectedFace.RIGHT_EYE)) / eyeDistance;
        double uy = (face.landmarkY(DetectedFace.LEFT_EYE) - face.landmarkY(DetectedFace.RIGHT_EYE)) / eyeDistance;
        double midX = (face.landmarkX(DetectedFace.LEFT_EYE) + face.landmarkX(DetectedFace.RIGHT_EYE)) / 2;
        double midY = (face.landmarkY(DetectedFace.LEFT_EYE) + face.landmarkY(DetectedFace.RIGHT_EYE)) / 2;
        double noseX = face.landmarkX(DetectedFace.NOSE) - midX, noseY = face.landmarkY(DetectedFace.NOSE) - midY;
        double yaw = (noseX * ux + noseY * uy) / eyeDistance;
        double pitch = (-noseX * uy + noseY * ux) / eyeDistance - FRONTAL_NOSE_DROP;

        double sharpness, brightness;
        try (Mat grey = new Mat(); Mat centre = new Mat(); Mat laplacian = new Mat();
             Mat mean = new Mat(); Mat deviation = new Mat()) {
            cvtColor(chip, grey, COLOR_BGR2GRAY);
            try (Mat roi = new Mat(grey, CHIP_CENTRE)) {
                roi.copyTo(centre);
            }
            meanStdDev(centre, mean, deviation);
            brightness = first(mean);
            Laplacian(centre, laplacian, CV_64F);
            meanStdDev(laplacian, mean, deviation);
            double sd = first(deviation);
            sharpness = sd * sd;
        }

        double size = face.size();
        FaceQuality.Rejection rejection = null;
        if (size < limits.minFaceSize()) {
            rejection = FaceQuality.Rejection.TOO_SMALL;
        } else if (Math.abs(yaw) > limits.maxYaw() || Math.abs(pitch) > limits.maxPitch()) {
            rejection = FaceQuality.Rejection.TURNED_AWAY;
        } else if (brightness < limits.minBrightness()) {
            rejection = FaceQuality.Rejection.TOO_DARK;
        } else if (brightness > limits.maxBrightness()) {
            rejection = FaceQuality.Rejection.TOO_BRIGHT;
        } else if (sharpness < limits.minSharpness()) {
            rejection = FaceQuality.Rejection.BLURRY;
        }
        double score = Math.min(Math.min(1, size / (2.0 * limits.minFaceSize())),
                Math.min(Math.min(1, sharpness / (3 * limits.minSharpness())), 1 - Math.min(1, Math.abs(yaw) / (2 * limits.maxYaw()))));
        return new FaceQuality(rejection, size, sharpness, brightness, yaw, pitch, Math.max(0, score));
    }

    private static double first(Mat oneByOne) {
        try (DoubleIndexer idx = oneByOne.createIndexer()) {
            return idx.get(0);
        }
    }
}

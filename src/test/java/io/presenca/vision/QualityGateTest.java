package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.hconcat;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.camera.CapturedFrame;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    private static final QualityGate.Limits LIMITS = VisionTestData.GATEWAY_LIMITS;

    private static FaceDetector detector;
    private static final FaceAligner aligner = new FaceAligner();
    private static Mat portrait;
    private static DetectedFace portraitFace;

    @BeforeAll
    static void loadModelAndPortrait() {
        detector = VisionTestData.detector();
        portrait = VisionTestData.readImage(VisionTestData.BIDEN);
        List<DetectedFace> faces = detector.detect(portrait);
        assertEquals(1, faces.size());
        portraitFace = faces.get(0);
    }

    @AfterAll
    static void close() {
        detector.close();
        portrait.close();
    }

    /** The portrait's face, with its detected landmarks, assessed on {@code image} (the portrait or an altered copy). */
    private static FaceQuality assess(QualityGate gate, Mat image) {
        try (Mat chip = aligner.align(image, portraitFace)) {
            return gate.assess(portraitFace, chip);
        }
    }

    private static Mat blurred(Mat image) {
        Mat out = new Mat();
        // a kernel a good part of the eye distance wide: the face's detail is gone, its outline stays
        int kernel = (int) (portraitFace.eyeDistance() / 2) | 1;
        GaussianBlur(image, out, new Size(kernel, kernel), 0);
        return out;
    }

    private static Mat darkened(Mat image, double factor) {
        Mat out = new Mat();
        image.convertTo(out, -1, factor, 0);
        return out;
    }

    @Test
    void sharpFrontalWellLitFaceIsAccepted() {
        FaceQuality quality = assess(new QualityGate(LIMITS), portrait);
        assertTrue(quality.accepted(), quality.describe(LIMITS));
        assertEquals("ok", quality.describe(LIMITS));
        assertTrue(quality.sharpness() >= LIMITS.minSharpness());
        assertTrue(quality.brightness() > LIMITS.minBrightness() && quality.brightness() < LIMITS.maxBrightness());
        assertTrue(Math.abs(quality.yaw()) < LIMITS.maxYaw() && Math.abs(quality.pitch()) < LIMITS.maxPitch());
        assertTrue(quality.score() > 0 && quality.score() <= 1, "score " + quality.score());
    }

    @Test
    void heavilyBlurredFaceIsBlurry() {
        try (Mat blurry = blurred(portrait)) {
            FaceQuality sharp = assess(new QualityGate(LIMITS), portrait);
            FaceQuality quality = assess(new QualityGate(LIMITS), blurry);
            assertEquals(FaceQuality.Rejection.BLURRY, quality.rejection(), quality.describe(LIMITS));
            assertTrue(quality.sharpness() < sharp.sharpness() / 5, quality.sharpness() + " vs " + sharp.sharpness());
            assertTrue(quality.describe(LIMITS).startsWith("blurry"), quality.describe(LIMITS));
        }
    }

    @Test
    void faceDarkenedToNearBlackIsTooDark() {
        try (Mat dark = darkened(portrait, 0.08)) {
            FaceQuality quality = assess(new QualityGate(LIMITS), dark);
            assertEquals(FaceQuality.Rejection.TOO_DARK, quality.rejection(), quality.describe(LIMITS));
            assertTrue(quality.brightness() < LIMITS.minBrightness());
        }
    }

    @Test
    void faceBoxSmallerThanTheMinimumIsTooSmall() {
        int size = (int) portraitFace.size();
        QualityGate justTooStrict = new QualityGate(new QualityGate.Limits(size + 1, LIMITS.minSharpness(),
                LIMITS.minBrightness(), LIMITS.maxBrightness(), LIMITS.maxYaw(), LIMITS.maxPitch()));
        QualityGate justLenient = new QualityGate(new QualityGate.Limits(size, LIMITS.minSharpness(),
                LIMITS.minBrightness(), LIMITS.maxBrightness(), LIMITS.maxYaw(), LIMITS.maxPitch()));
        FaceQuality tooSmall = assess(justTooStrict, portrait);
        assertEquals(FaceQuality.Rejection.TOO_SMALL, tooSmall.rejection());
        assertTrue(tooSmall.describe(justTooStrict.limits()).contains((size + 1) + " px"), tooSmall.describe(justTooStrict.limits()));
        assertTrue(assess(justLenient, portrait).accepted());
    }

    @Test
    void faceWithTheNoseFarToOneSideIsTurnedAway() {
        // the detected landmarks with the nose moved by most of the eye distance: a profile view
        float[] landmarks = portraitFace.landmarks().clone();
        landmarks[2 * DetectedFace.NOSE] += (float) (0.8 * portraitFace.eyeDistance());
        DetectedFace turned = new DetectedFace(portraitFace.x(), portraitFace.y(), portraitFace.width(),
                portraitFace.height(), landmarks, portraitFace.score());
        try (Mat chip = aligner.align(portrait, portraitFace)) {
            FaceQuality quality = new QualityGate(LIMITS).assess(turned, chip);
            assertEquals(FaceQuality.Rejection.TURNED_AWAY, quality.rejection(), quality.describe(LIMITS));
        }
    }

    @Test
    void screenCountsRejectionsByReasonAndReleasesRejectedChips() {
        // one frame with the portrait three times: as is, blurred, darkened
        try (Mat blurry = blurred(portrait); Mat dark = darkened(portrait, 0.25); Mat row = new Mat()) {
            hconcat(new MatVector(portrait, blurry, dark), row);
            FaceFinder finder = new FaceFinder(detector, aligner);
            QualityGate gate = new QualityGate(LIMITS);
            try (CapturedFrame frame = new CapturedFrame(row.clone(), 1, Instant.now(), "x")) {
                FrameAnalysis analysis = finder.findFaces(frame);
                assertEquals(3, analysis.faces().size(), "faces found in the composed frame");
                int accepted = 0;
                Map<FaceQuality.Rejection, Long> expected = new EnumMap<>(FaceQuality.Rejection.class);
                for (FaceQuality.Rejection reason : FaceQuality.Rejection.values()) {
                    expected.put(reason, 0L);
                }
                assertSame(gate.screen(analysis), analysis);
                for (FaceObservation face : analysis.faces()) {
                    assertNotNull(face.quality());
                    if (face.quality().accepted()) {
                        accepted++;
                        assertNotNull(face.chip(), "an accepted face keeps its chip for the descriptor");
                    } else {
                        expected.merge(face.quality().rejection(), 1L, Long::sum);
                        assertNull(face.chip(), "a rejected face's chip is released");
                    }
                }
                // left to right: the sharp one passes, the blurred and the dark ones do not
                List<FaceObservation> byX = analysis.faces().stream()
                        .sorted(Comparator.comparingDouble(f -> f.face().x())).toList();
                assertTrue(byX.get(0).quality().accepted(), byX.get(0).quality().describe(LIMITS));
                assertEquals(FaceQuality.Rejection.BLURRY, byX.get(1).quality().rejection());
                assertEquals(FaceQuality.Rejection.TOO_DARK, byX.get(2).quality().rejection());
                assertEquals(1, accepted);
                assertEquals(expected, gate.rejectionCounts());
                assertTrue(analysis.hasAcceptedFaces());

                // counts accumulate over frames
                gate.screen(finder.findFaces(frame));
                assertEquals(2L, gate.rejectionCounts().get(FaceQuality.Rejection.BLURRY));
                assertEquals(2L, gate.rejectionCounts().get(FaceQuality.Rejection.TOO_DARK));
                assertEquals(0L, gate.rejectionCounts().get(FaceQuality.Rejection.TOO_SMALL));
            }
        }
    }
}

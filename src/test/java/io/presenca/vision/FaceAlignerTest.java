package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.vision.FaceAligner.SimilarityTransform;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

    private static FaceDetector detector;
    private static FaceEmbedder embedder;
    private static final FaceAligner aligner = new FaceAligner();

    @BeforeAll
    static void loadModels() {
        detector = VisionTestData.detector();
        embedder = VisionTestData.embedder(DescriptorModel.DLIB);
    }

    @AfterAll
    static void closeModels() {
        detector.close();
        embedder.close();
    }

    /** Five face-like points (eyes, nose, mouth corners) in some photo's pixel coordinates. */
    private static final float[] POINTS = {210.5f, 310.25f, 262f, 305f, 238f, 340.75f, 215f, 370f, 260.5f, 366f};

    private static double[] apply(SimilarityTransform t, float[] src) {
        double[] out = new double[src.length];
        for (int i = 0; i < src.length; i += 2) {
            out[i] = t.a() * src[i] - t.b() * src[i + 1] + t.tx();
            out[i + 1] = t.b() * src[i] + t.a() * src[i + 1] + t.ty();
        }
        return out;
    }

    @Test
    void fitRecoversAKnownRotationScaleAndTranslation() {
        double angle = Math.toRadians(17), scale = 0.42;
        SimilarityTransform known = new SimilarityTransform(scale * Math.cos(angle), scale * Math.sin(angle), -31.5, 12.25);
        SimilarityTransform fitted = SimilarityTransform.fit(POINTS, apply(known, POINTS));
        assertEquals(known.a(), fitted.a(), 1e-6);
        assertEquals(known.b(), fitted.b(), 1e-6);
        assertEquals(known.tx(), fitted.tx(), 1e-6);
        assertEquals(known.ty(), fitted.ty(), 1e-6);
        assertEquals(scale, fitted.scale(), 1e-6);
    }

    @Test
    void fitOfTheReferencePointsOntoThemselvesIsTheIdentity() throws Exception {
        double[] reference = reference();
        float[] asFloat = new float[reference.length];
        for (int i = 0; i < reference.length; i++) {
            asFloat[i] = (float) reference[i];
        }
        SimilarityTransform identity = SimilarityTransform.fit(asFloat, reference);
        assertEquals(1, identity.a(), 1e-6);
        assertEquals(0, identity.b(), 1e-6);
        assertEquals(0, identity.tx(), 1e-4);
        assertEquals(0, identity.ty(), 1e-4);
    }

    @Test
    void coincidingLandmarksAreRefused() {
        float[] same = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
        assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.fit(same, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    }

    @Test
    void cropAndScaleKeepsEveryPointWhereItLands() {
        SimilarityTransform t = new SimilarityTransform(0.3, 0.1, -40, 25);
        int x0 = 120, y0 = 80;
        double factor = t.scale();
        SimilarityTransform after = t.afterCropAndScale(x0, y0, factor);
        double[] direct = apply(t, POINTS);
        float[] inShrunk = new float[POINTS.length];
        for (int i = 0; i < POINTS.length; i += 2) {
            inShrunk[i] = (float) ((POINTS[i] - x0) * factor);
            inShrunk[i + 1] = (float) ((POINTS[i + 1] - y0) * factor);
        }
        double[] viaShrunk = apply(after, inShrunk);
        for (int i = 0; i < direct.length; i++) {
            assertEquals(direct[i], viaShrunk[i], 1e-3);
        }
        assertEquals(1, after.scale(), 1e-9);
    }

    @Test
    void sourceBoundsCoverEveryChipCorner() {
        SimilarityTransform t = new SimilarityTransform(0.3, 0.05, -40, -60);
        Rect bounds = t.sourceBounds(FaceAligner.CHIP_SIZE, 4000, 4000);
        double det = t.a() * t.a() + t.b() * t.b();
        for (int corner = 0; corner < 4; corner++) {
            double u = (corner & 1) * FaceAligner.CHIP_SIZE - t.tx(), v = (corner >> 1) * FaceAligner.CHIP_SIZE - t.ty();
            double x = (t.a() * u + t.b() * v) / det, y = (-t.b() * u + t.a() * v) / det;
            assertTrue(x >= bounds.x() && x <= bounds.x() + bounds.width(), "corner " + corner + " x " + x);
            assertTrue(y >= bounds.y() && y <= bounds.y() + bounds.height(), "corner " + corner + " y " + y);
        }
        // clamped to a small image
        Rect clamped = t.sourceBounds(FaceAligner.CHIP_SIZE, 100, 100);
        assertTrue(clamped.x() >= 0 && clamped.y() >= 0 && clamped.x() + clamped.width() <= 100
                && clamped.y() + clamped.height() <= 100, clamped.toString());
    }

    @Test
    void aligningARealFaceGivesA150By150ColourChip() {
        try (Mat image = VisionTestData.readImage(VisionTestData.BIDEN)) {
            DetectedFace face = detector.detect(image).get(0);
            try (Mat chip = aligner.align(image, face)) {
                assertEquals(FaceAligner.CHIP_SIZE, chip.cols());
                assertEquals(FaceAligner.CHIP_SIZE, chip.rows());
                assertEquals(3, chip.channels());
                assertEquals(CV_8UC3, chip.type());
            }
        }
    }

    @Test
    void aFaceMuchLargerThanTheChipIsShrunkFirstAndDescribedAlike() throws Exception {
        try (Mat original = VisionTestData.readImage(VisionTestData.OBAMA); Mat normal = new Mat(); Mat large = new Mat()) {
            // "normal": eyes ~90 px apart, so the chip's 53 px eye distance is a scale above 0.5: a straight warp
            DetectedFace probe = detector.detect(original).get(0);
            double toNormal = 90 / probe.eyeDistance();
            resize(original, normal, new Size((int) (original.cols() * toNormal), (int) (original.rows() * toNormal)),
                    0, 0, INTER_AREA);
            resize(normal, large, new Size(normal.cols() * 3, normal.rows() * 3), 0, 0, INTER_LINEAR);

            DetectedFace normalFace = detector.detect(normal).get(0);
            DetectedFace largeFace = detector.detect(large).get(0);
            assertTrue(scaleToChip(normalFace) >= 0.5, "normal face should take the straight path");
            assertTrue(scaleToChip(largeFace) < 0.5, "large face should take the shrink-first path");

            try (Mat normalChip = aligner.align(normal, normalFace); Mat largeChip = aligner.align(large, largeFace)) {
                assertEquals(FaceAligner.CHIP_SIZE, largeChip.cols());
                assertEquals(FaceAligner.CHIP_SIZE, largeChip.rows());
                float[][] descriptors = embedder.describe(List.of(normalChip, largeChip));
                double distance = VisionTestData.distance(descriptors[0], descriptors[1]);
                assertTrue(distance < 0.15, "same photo at 3x gives distance " + distance);
            }
        }
    }

    private static double scaleToChip(DetectedFace face) throws Exception {
        return SimilarityTransform.fit(face.landmarks(), reference()).scale();
    }

    private static double[] reference() {
        return ChipLayout.DLIB_150.reference();
    }

    @Test
    void theOmzChipIs128PixelsWithTheEyesWhereTheModelCardPutsThem() {
        try (Mat photo = VisionTestData.readImage(VisionTestData.OBAMA)) {
            DetectedFace face = detector.detect(photo).get(0);
            FaceAligner omz = new FaceAligner(ChipLayout.OMZ_128);
            try (Mat chip = omz.alignForDescriptor(photo, face); Mat quality = omz.align(photo, face)) {
                assertEquals(128, chip.cols());
                assertEquals(128, chip.rows());
                assertEquals(FaceAligner.CHIP_SIZE, quality.cols(), "the quality chip stays dlib's whatever the descriptor");
            }
            double[] landed = apply(SimilarityTransform.fit(face.landmarks(), ChipLayout.OMZ_128.reference()),
                    face.landmarks());
            for (int eye = 0; eye < 4; eye++) { // both eyes, x and y
                assertEquals(ChipLayout.OMZ_128.reference()[eye], landed[eye], 4.0, "eye coordinate " + eye);
            }
        }
    }
}

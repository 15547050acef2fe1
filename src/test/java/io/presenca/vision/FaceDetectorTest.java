package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaceDetectorTest {

    private static FaceDetector detector;

    @BeforeAll
    static void loadModel() {
        detector = VisionTestData.detector();
    }

    @AfterAll
    static void closeModel() {
        detector.close();
    }

    /** Boxes lie in the image (YuNet may overhang an edge by a few pixels); landmarks sit in the box, eyes above mouth. */
    private static void assertPlausible(DetectedFace face, Mat image, String what) {
        float slackX = 0.05f * image.cols(), slackY = 0.05f * image.rows();
        assertTrue(face.x() >= -slackX && face.y() >= -slackY, what + ": box starts outside the image: " + face);
        assertTrue(face.x() + face.width() <= image.cols() + slackX && face.y() + face.height() <= image.rows() + slackY,
                what + ": box ends outside the image: " + face);
        assertTrue(face.width() > 0 && face.height() > 0, what);
        float mx = 0.1f * face.width(), my = 0.1f * face.height();
        for (int p = 0; p < 5; p++) {
            assertTrue(face.landmarkX(p) >= face.x() - mx && face.landmarkX(p) <= face.x() + face.width() + mx
                    && face.landmarkY(p) >= face.y() - my && face.landmarkY(p) <= face.y() + face.height() + my,
                    what + ": landmark " + p + " outside its box");
        }
        float eyesY = Math.max(face.landmarkY(DetectedFace.RIGHT_EYE), face.landmarkY(DetectedFace.LEFT_EYE));
        float mouthY = Math.min(face.landmarkY(DetectedFace.RIGHT_MOUTH), face.landmarkY(DetectedFace.LEFT_MOUTH));
        assertTrue(eyesY < face.landmarkY(DetectedFace.NOSE) && face.landmarkY(DetectedFace.NOSE) < mouthY,
                what + ": expected eyes above nose above mouth");
        // the person's right eye is on the image's left
        assertTrue(face.landmarkX(DetectedFace.RIGHT_EYE) < face.landmarkX(DetectedFace.LEFT_EYE), what);
        assertTrue(face.score() >= VisionTestData.DETECTION_SCORE && face.score() <= 1, what + ": score " + face.score());
    }

    @ParameterizedTest
    @ValueSource(strings = {"faceapi_bbt1.jpg", "faceapi_bbt2.jpg", "faceapi_bbt3.jpg", "faceapi_bbt4.jpg", "faceapi_bbt5.jpg"})
    void groupPhotoOfTheCastGivesSeveralPlausibleFaces(String name) {
        try (Mat image = VisionTestData.readImage(VisionTestData.GROUP_PHOTOS.resolve(name))) {
            List<DetectedFace> faces = detector.detect(image);
            // these are cast photos of 3 to 8 people facing the camera; anything outside that range is a miss or a ghost
            assertTrue(faces.size() >= 3 && faces.size() <= 8, name + ": " + faces.size() + " faces");
            for (DetectedFace face : faces) {
                assertPlausible(face, image, name);
            }
        }
    }

    @Test
    void portraitGivesExactlyOneFace() {
        try (Mat image = VisionTestData.readImage(VisionTestData.OBAMA)) {
            List<DetectedFace> faces = detector.detect(image);
            assertEquals(1, faces.size());
            assertPlausible(faces.get(0), image, "obama.jpg");
            // a portrait: the face takes a good part of the picture
            assertTrue(faces.get(0).width() > image.cols() / 5.0, "face width " + faces.get(0).width());
        }
    }

    @Test
    void boxesAreInTheOriginalImageCoordinatesWhateverTheImageSize() {
        // obama.jpg is larger than the 640 px detection side and is shrunk first; twice the size must give twice the box
        try (Mat image = VisionTestData.readImage(VisionTestData.OBAMA); Mat doubled = new Mat()) {
            resize(image, doubled, new Size(image.cols() * 2, image.rows() * 2), 0, 0, INTER_LINEAR);
            DetectedFace face = detector.detect(image).get(0);
            List<DetectedFace> faces = detector.detect(doubled);
            assertEquals(1, faces.size());
            DetectedFace big = faces.get(0);
            double tolerance = 0.05 * face.width() * 2;
            assertEquals(face.x() * 2, big.x(), tolerance);
            assertEquals(face.y() * 2, big.y(), tolerance);
            assertEquals(face.width() * 2, big.width(), tolerance);
            assertEquals(face.landmarkX(DetectedFace.NOSE) * 2, big.landmarkX(DetectedFace.NOSE), tolerance);
        }
    }

    @Test
    void tightCropsAreFoundByDetectInPhoto() throws IOException {
        // faceapi_bbt holds 150x150 crops cut to the face: YuNet needs the border detectInPhoto adds
        List<Path> crops;
        try (Stream<Path> files = Files.list(VisionTestData.require(VisionTestData.BBT_CROPS.resolve("sheldon")))) {
            crops = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        assertEquals(5, crops.size());
        for (Path crop : crops) {
            try (Mat image = VisionTestData.readImage(crop)) {
                List<DetectedFace> faces = detector.detectInPhoto(image);
                assertEquals(1, faces.size(), crop + ": " + faces);
                DetectedFace face = faces.get(0);
                // back in the crop's coordinates: the face fills most of it
                assertTrue(face.width() > image.cols() / 2.0, crop + ": " + face);
                float noseX = face.landmarkX(DetectedFace.NOSE), noseY = face.landmarkY(DetectedFace.NOSE);
                assertTrue(noseX > 0 && noseX < image.cols() && noseY > 0 && noseY < image.rows(), crop + ": " + face);
            }
        }
    }

    @Test
    void plainGreyImageHasNoFace() {
        try (Mat grey = new Mat(480, 640, CV_8UC3, new Scalar(128, 128, 128, 0))) {
            assertEquals(List.of(), detector.detect(grey));
            assertEquals(List.of(), detector.detectInPhoto(grey));
        }
    }
}

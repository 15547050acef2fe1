package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crops sent to SearchFacesByImage, which looks only at the largest face of an image: in a crop
 * of each face of a group photo, that face must be the largest one, near the centre.
 */
class FaceCropsTest {

    private static FaceDetector detector;

    @BeforeAll
    static void loadModel() {
        detector = VisionTestData.detector();
    }

    @AfterAll
    static void closeModel() {
        detector.close();
    }

    private static Mat decode(byte[] jpeg) {
        try (BytePointer bytes = new BytePointer(jpeg); Mat buffer = new Mat(1, jpeg.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes)) {
            return imdecode(buffer, IMREAD_COLOR);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"faceapi_bbt1.jpg", "faceapi_bbt4.jpg", "ageitgey_obama_and_biden.jpg", "ageitgey_two_people.jpg"})
    void inTheCropOfEachFaceThatFaceIsTheLargestAndCentred(String photo) {
        try (Mat image = VisionTestData.readImage(VisionTestData.GROUP_PHOTOS.resolve(photo))) {
            List<DetectedFace> faces = detector.detect(image);
            assertTrue(faces.size() >= 2, photo + ": a group photo");
            for (DetectedFace face : faces) {
                byte[] jpeg = FaceCrops.cut(image, face);
                assertEquals((byte) 0xFF, jpeg[0]);
                assertEquals((byte) 0xD8, jpeg[1], "a JPEG");
                try (Mat crop = decode(jpeg)) {
                    int shorter = Math.min(crop.cols(), crop.rows());
                    assertTrue(shorter >= FaceCrops.MIN_SIDE - 1, photo + ": crop " + crop.cols() + "x" + crop.rows());
                    List<DetectedFace> inCrop = detector.detectInPhoto(crop);
                    DetectedFace largest = inCrop.stream().max(Comparator.comparingDouble(DetectedFace::size)).orElseThrow(
                            () -> new AssertionError(photo + ": no face found in the crop of " + face));
                    double centreX = largest.x() + largest.width() / 2, centreY = largest.y() + largest.height() / 2;
                    // the face box is centred unless the crop was clipped at the frame's edge
                    assertTrue(Math.abs(centreX - crop.cols() / 2.0) < 0.3 * crop.cols()
                            && Math.abs(centreY - crop.rows() / 2.0) < 0.3 * crop.rows(),
                            photo + ": the largest face of the crop is off-centre: " + largest);
                }
            }
        }
    }

    @Test
    void largeFacesAreShrunkAndWholePhotosKeepTheirShape() {
        try (Mat image = VisionTestData.readImage(VisionTestData.OBAMA)) {
            DetectedFace face = detector.detectInPhoto(image).get(0);
            DetectedFace huge = new DetectedFace(0, 0, image.cols() * 2f, image.rows() * 2f, face.landmarks(), face.score());
            try (Mat crop = decode(FaceCrops.cut(image, huge))) {
                assertTrue(Math.max(crop.cols(), crop.rows()) <= FaceCrops.MAX_SIDE, crop.cols() + "x" + crop.rows());
            }
            try (Mat whole = decode(FaceCrops.wholePhoto(image))) {
                assertEquals(image.cols(), whole.cols(), "small photos are not resized");
                assertEquals(image.rows(), whole.rows());
            }
        }
    }
}

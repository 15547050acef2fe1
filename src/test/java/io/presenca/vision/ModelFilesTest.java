package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class ModelFilesTest {

    @Test
    void bundledModelsLoadPassTheirChecksumAndAreUsable() {
        byte[] detectorModel = ModelFiles.bundled().load(ModelFiles.Model.FACE_DETECTOR);
        byte[] descriptorModel = ModelFiles.bundled().load(ModelFiles.Model.DLIB_DESCRIPTOR);
        assertTrue(detectorModel.length > 100_000, "YuNet is ~230 kB, got " + detectorModel.length);
        assertTrue(descriptorModel.length > 1_000_000, "the dlib ResNet is tens of MB, got " + descriptorModel.length);
        // the bytes are real models: OpenCV and ONNX Runtime accept them
        try (FaceDetector detector = new FaceDetector(detectorModel, 0.6f, 640)) {
            assertEquals(0, detector.detect(new Mat(240, 320, CV_8UC3, new Scalar(0, 0, 0, 0))).size());
        }
        try (FaceEmbedder embedder = new FaceEmbedder(DescriptorModel.DLIB, descriptorModel, 1)) {
            assertEquals(0, embedder.describe(List.of()).length);
        }
    }

    @Test
    void bundledOmzDescriptorPassesItsChecksumAndDescribesABatchInUnitVectors() {
        byte[] omz = ModelFiles.bundled().load(ModelFiles.Model.OMZ_DESCRIPTOR);
        assertEquals("4d8e92c633ad6351cf719ff501384918e9c198649b7298611d64f25ae6b0ee1a", Sha256.of(omz));
        try (FaceEmbedder embedder = new FaceEmbedder(DescriptorModel.OMZ, omz, 1);
             Mat grey = new Mat(128, 128, CV_8UC3, new Scalar(128, 128, 128, 0));
             Mat red = new Mat(128, 128, CV_8UC3, new Scalar(0, 0, 255, 0))) {
            float[][] descriptors = embedder.describe(List.of(grey, red));
            assertEquals(2, descriptors.length, "one inference for the batch, one descriptor per chip");
            for (float[] descriptor : descriptors) {
                assertEquals(256, descriptor.length);
                assertEquals(1.0, VisionTestData.distance(descriptor, new float[256]), 1e-5);
            }
            assertTrue(VisionTestData.distance(descriptors[0], descriptors[1]) > 0.01, "the two chips differ");
            assertThrows(IllegalArgumentException.class, () -> embedder.describe(List.of(
                    new Mat(150, 150, CV_8UC3, new Scalar(0, 0, 0, 0)))), "a dlib-sized chip is refused");
        }
    }

    @Test
    void missingOmzModelInModelsDirSaysWhichFileAndWhatToDo() throws Exception {
        Path dir = VisionTestData.freshFolder();
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelFiles(dir).load(DescriptorModel.OMZ.file()));
        assertTrue(e.getMessage().contains("omz_face_reid_retail_0095.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("unset MODELS_DIR"), e.getMessage());
    }

    @Test
    void damagedOmzModelIsRefusedForItsChecksum() throws Exception {
        Path dir = VisionTestData.freshFolder();
        byte[] good = ModelFiles.bundled().load(ModelFiles.Model.OMZ_DESCRIPTOR);
        byte[] damaged = good.clone();
        damaged[damaged.length / 2] ^= 1; // one flipped bit in the weights
        Files.write(dir.resolve(ModelFiles.Model.OMZ_DESCRIPTOR.fileName()), damaged);
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelFiles(dir).load(ModelFiles.Model.OMZ_DESCRIPTOR));
        assertTrue(e.getMessage().contains("4d8e92c633ad6351cf719ff501384918e9c198649b7298611d64f25ae6b0ee1a is expected"),
                e.getMessage());
    }

    @Test
    void modelsDirHoldingGoodCopiesLoadsThem() throws Exception {
        Path dir = VisionTestData.freshFolder();
        for (ModelFiles.Model model : ModelFiles.Model.values()) {
            Files.write(dir.resolve(model.fileName()), ModelFiles.bundled().load(model));
        }
        ModelFiles fromDir = new ModelFiles(dir);
        assertArrayEquals(ModelFiles.bundled().load(ModelFiles.Model.FACE_DETECTOR), fromDir.load(ModelFiles.Model.FACE_DETECTOR));
    }

    @Test
    void missingFileInModelsDirIsNamedWithModelsDir() throws Exception {
        Path dir = VisionTestData.freshFolder();
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelFiles(dir).load(ModelFiles.Model.DLIB_DESCRIPTOR));
        assertTrue(e.getMessage().contains("faceapi_dlib_resnet29_rec150.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("MODELS_DIR=" + dir), e.getMessage());
    }

    @Test
    void truncatedModelIsRefusedForItsChecksum() throws Exception {
        Path dir = VisionTestData.freshFolder();
        byte[] good = ModelFiles.bundled().load(ModelFiles.Model.FACE_DETECTOR);
        Path file = dir.resolve(ModelFiles.Model.FACE_DETECTOR.fileName());
        Files.write(file, Arrays.copyOf(good, good.length / 2));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelFiles(dir).load(ModelFiles.Model.FACE_DETECTOR));
        assertTrue(e.getMessage().contains("sha256 " + Sha256.of(Arrays.copyOf(good, good.length / 2))),
                e.getMessage());
        assertTrue(e.getMessage().contains("is expected"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("MODELS_DIR"), e.getMessage());
    }

    @Test
    void anotherModelUnderTheRightNameIsRefused() throws Exception {
        // the descriptor model renamed as the detector: a swapped file, not a damaged one
        Path dir = VisionTestData.freshFolder();
        Files.write(dir.resolve(ModelFiles.Model.FACE_DETECTOR.fileName()),
                ModelFiles.bundled().load(ModelFiles.Model.DLIB_DESCRIPTOR));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelFiles(dir).load(ModelFiles.Model.FACE_DETECTOR));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }
}

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
        byte[] descriptorModel = ModelFiles.bundled().load(ModelFiles.Model.FACE_DESCRIPTOR);
        assertTrue(detectorModel.length > 100_000, "YuNet is ~230 kB, got " + detectorModel.length);
        assertTrue(descriptorModel.length > 1_000_000, "the dlib ResNet is tens of MB, got " + descriptorModel.length);
        // the bytes are real models: OpenCV and ONNX Runtime accept them
        try (FaceDetector detector = new FaceDetector(detectorModel, 0.6f, 640)) {
            assertEquals(0, detector.detect(new Mat(240, 320, CV_8UC3, new Scalar(0, 0, 0, 0))).size());
        }
        try (FaceEmbedder embedder = new FaceEmbedder(descriptorModel, 1)) {
            assertEquals(0, embedder.describe(List.of()).length);
        }
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
                () -> new ModelFiles(dir).load(ModelFiles.Model.FACE_DESCRIPTOR));
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
                ModelFiles.bundled().load(ModelFiles.Model.FACE_DESCRIPTOR));
        ModelUnavailableException e = assertThrows(ModelUnavailableException.class,
                () -> new ModelFiles(dir).load(ModelFiles.Model.FACE_DETECTOR));
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }
}

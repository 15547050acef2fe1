package io.presenca.vision;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.bytedeco.opencv.opencv_core.Mat;

/** The shared datasets (by relative path from the project directory) and the gateway's vision settings. */
final class VisionTestData {

    static final Path DATASETS = Path.of("../shared/datasets");
    static final Path GROUP_PHOTOS = DATASETS.resolve("group_photos");
    static final Path OBAMA = DATASETS.resolve("ageitgey_fr/obama/obama.jpg");
    static final Path BIDEN = DATASETS.resolve("ageitgey_fr/biden/biden.jpg");
    static final Path BBT_CROPS = DATASETS.resolve("faceapi_bbt");
    static final Path LFW = DATASETS.resolve("lfw-dev");
    static final Path LFW_PAIRS = DATASETS.resolve("lfw-dev-pairs.txt");
    static final Path ATT = DATASETS.resolve("att_faces");

    /** As the gateway builds them from the default settings (Gateway): score 0.6, max side 640. */
    static final float DETECTION_SCORE = 0.6f;
    static final int DETECTION_MAX_SIDE = 640;
    static final QualityGate.Limits GATEWAY_LIMITS = io.presenca.Gateway.qualityLimits(io.presenca.config.Settings.load(name -> java.util.Optional.empty()));

    private VisionTestData() {
    }

    static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("Test data missing: " + path.toAbsolutePath());
        }
        return path;
    }

    /** A BGR image; fails the test if the file is missing or unreadable. */
    static Mat readImage(Path path) {
        Mat image = imread(require(path).toString(), IMREAD_COLOR);
        if (image == null || image.empty()) {
            throw new IllegalStateException("Cannot decode test image " + path.toAbsolutePath());
        }
        return image;
    }

    static FaceDetector detector() {
        return new FaceDetector(ModelFiles.bundled().load(ModelFiles.Model.FACE_DETECTOR), DETECTION_SCORE, DETECTION_MAX_SIDE);
    }

    static FaceEmbedder embedder(DescriptorModel model) {
        return new FaceEmbedder(model, ModelFiles.bundled().load(model.file()), 2);
    }

    /** A fresh folder under target/ for files a test writes. */
    static Path freshFolder() throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "test-data", UUID.randomUUID().toString()));
    }

    static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}

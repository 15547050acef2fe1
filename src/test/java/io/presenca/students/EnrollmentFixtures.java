package io.presenca.students;

import io.presenca.vision.DescriptorModel;
import io.presenca.vision.FaceAligner;
import io.presenca.vision.FaceDetector;
import io.presenca.vision.FaceEmbedder;
import io.presenca.vision.ModelFiles;
import io.presenca.vision.PhotoFaceReader;
import io.presenca.vision.QualityGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

/** Test data and folders: datasets are read from ../shared, everything written goes under target/test-data. */
final class EnrollmentFixtures {

    static final Path DATASETS = Path.of("../shared/datasets");
    static final Path AGEITGEY = DATASETS.resolve("ageitgey_fr");
    static final Path BBT = DATASETS.resolve("faceapi_bbt");
    static final Path GROUP_PHOTOS = DATASETS.resolve("group_photos");

    private EnrollmentFixtures() {
    }

    /** A reader as the gateway builds it by default (DESCRIPTORS=omz). */
    static PhotoFaceReader reader() {
        return reader(DescriptorModel.OMZ);
    }

    static PhotoFaceReader reader(DescriptorModel model) {
        ModelFiles models = ModelFiles.bundled();
        FaceDetector detector = new FaceDetector(models.load(ModelFiles.Model.FACE_DETECTOR), 0.6f, 640);
        FaceEmbedder embedder = new FaceEmbedder(model, models.load(model.file()), 2);
        QualityGate gate = new QualityGate(io.presenca.Gateway.qualityLimits(io.presenca.config.Settings.load(name -> java.util.Optional.empty())));
        return new PhotoFaceReader(detector, new FaceAligner(model.layout()), gate, embedder);
    }

    static Path freshFolder() {
        return Path.of("target", "test-data", UUID.randomUUID().toString());
    }

    static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("Test data missing: " + path.toAbsolutePath());
        }
        return path;
    }

    /** Copies a folder tree (a dataset or one person of it) to {@code to}. */
    static void copyTree(Path from, Path to) {
        require(from);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies one file into {@code folder} (created if needed) under {@code name}. */
    static Path copyAs(Path source, Path folder, String name) {
        try {
            Files.createDirectories(folder);
            return Files.copy(require(source), folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

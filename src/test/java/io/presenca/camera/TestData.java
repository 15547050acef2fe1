package io.presenca.camera;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared datasets, reached from the project directory (the worktree sits beside /work/shared). */
final class TestData {

    static final Path DATASETS = Path.of("../shared/datasets");
    static final Path BBT = DATASETS.resolve("faceapi_bbt");
    static final Path TEST_VIDEO = DATASETS.resolve("videos/faceapi_test_video.mp4");
    static final Path HAMILTON_CLIP = DATASETS.resolve("videos/short_hamilton_clip.mp4");

    private TestData() {
    }

    static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException("Test data missing: " + path.toAbsolutePath());
        }
        return path;
    }
}

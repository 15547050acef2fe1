package io.presenca.vision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads the face models, bundled in the jar or from {@code MODELS_DIR}, and refuses any file whose
 * sha256 is not the one recorded in {@code models/MODELS.md}: a truncated or swapped model would
 * otherwise silently mark the wrong students.
 */
public final class ModelFiles {

    public enum Model {
        FACE_DETECTOR("face_detection_yunet_2023mar.onnx",
                "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4"),
        DLIB_DESCRIPTOR("faceapi_dlib_resnet29_rec150.onnx",
                "a2fbbeec2d4b21ef4d7bce243cb4afee43d25fd6091d54a24c78fa4a82979722"),
        OMZ_DESCRIPTOR("omz_face_reid_retail_0095.onnx",
                "4d8e92c633ad6351cf719ff501384918e9c198649b7298611d64f25ae6b0ee1a");

        private final String fileName;
        private final String sha256;

        Model(String fileName, String sha256) {
            this.fileName = fileName;
            this.sha256 = sha256;
        }

        public String fileName() {
            return fileName;
        }
    }

    private final Path overrideDir;

    /** @param overrideDir folder holding the model files, or null for the bundled ones */
    public ModelFiles(Path overrideDir) {
        this.overrideDir = overrideDir;
    }

    public static ModelFiles bundled() {
        return new ModelFiles(null);
    }

    public byte[] load(Model model) {
        byte[] bytes = overrideDir == null ? readBundled(model) : readFromDir(model);
        String actual = Sha256.of(bytes);
        if (!actual.equals(model.sha256)) {
            throw new ModelUnavailableException("Model " + model.fileName + " from " + where(model)
                    + " has sha256 " + actual + " but " + model.sha256 + " is expected: the file is damaged"
                    + " or a different model. Replace it with the file listed in models/MODELS.md"
                    + (overrideDir == null ? "" : ", or unset MODELS_DIR to use the bundled models") + ".");
        }
        return bytes;
    }

    private byte[] readBundled(Model model) {
        try (InputStream in = ModelFiles.class.getResourceAsStream("/models/" + model.fileName)) {
            if (in == null) {
                throw new ModelUnavailableException("Model " + model.fileName + " is missing from the application jar:"
                        + " rebuild presenca.jar, or set MODELS_DIR to a folder that holds it.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelUnavailableException("Cannot read the bundled model " + model.fileName + ": " + e.getMessage(), e);
        }
    }

    private byte[] readFromDir(Model model) {
        Path file = overrideDir.resolve(model.fileName);
        if (!Files.isRegularFile(file)) {
            throw new ModelUnavailableException("Model file " + file + " not found (MODELS_DIR=" + overrideDir
                    + "). Copy " + model.fileName + " there, or unset MODELS_DIR to use the bundled models.");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelUnavailableException("Cannot read model file " + file + ": " + e.getMessage()
                    + ". Check its permissions (MODELS_DIR=" + overrideDir + ").", e);
        }
    }

    private String where(Model model) {
        return overrideDir == null ? "the application jar" : overrideDir.resolve(model.fileName).toString();
    }
}

package io.presenca.evaluation;

import io.presenca.camera.ImageFiles;
import io.presenca.vision.DetectedFace;
import io.presenca.vision.FaceAligner;
import io.presenca.vision.FaceDetector;
import io.presenca.vision.FaceEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Milliseconds per face of a descriptor alone (no detection, no alignment), at several batch sizes:
 * batch 1 is a lone face at the door, larger batches the faces of one crowded frame.
 */
public final class DescriptorSpeed {

    private static final int WARM_UP_ROUNDS = 3;

    private DescriptorSpeed() {
    }

    /** Aligned chips of the first face of each image that has one, for {@code aligner}'s descriptor. */
    public static List<Mat> chips(List<Path> images, FaceDetector detector, FaceAligner aligner) {
        List<Mat> chips = new ArrayList<>();
        for (Path image : images) {
            try (Mat picture = ImageFiles.decode(image)) {
                List<DetectedFace> faces = detector.detectInPhoto(picture);
                if (!faces.isEmpty()) {
                    chips.add(aligner.alignForDescriptor(picture, faces.get(0)));
                }
            } catch (ImageFiles.UnreadableImageException e) {
                // not a photo: nothing to time
            }
        }
        if (chips.isEmpty()) {
            throw new IllegalArgumentException("None of the " + images.size() + " images has a face to describe");
        }
        return chips;
    }

    /** Mean ms per face over all chips, described {@code batch} at a time, after a warm-up. */
    public static double msPerFace(FaceEmbedder embedder, List<Mat> chips, int batch) {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            embedder.describe(chips.subList(0, Math.min(batch, chips.size())));
        }
        long start = System.nanoTime();
        int described = 0;
        for (int from = 0; from + batch <= chips.size(); from += batch) {
            embedder.describe(chips.subList(from, from + batch));
            described += batch;
        }
        if (described == 0) {
            throw new IllegalArgumentException("Fewer faces (" + chips.size() + ") than the batch size " + batch);
        }
        return (System.nanoTime() - start) / 1e6 / described;
    }
}

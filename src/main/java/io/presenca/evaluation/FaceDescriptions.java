package io.presenca.evaluation;

import io.presenca.vision.PhotoFace;
import io.presenca.vision.PhotoFaceReader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads each evaluation image once, through the gateway's own detector, aligner and descriptor,
 * and keeps the outcome: an image appears in many pairs. Times the reading, per image.
 */
public final class FaceDescriptions {

    private final PhotoFaceReader reader;
    private final Map<Path, PhotoFace> read = new HashMap<>();
    private final Map<PhotoFace.Outcome, Integer> outcomes = new EnumMap<>(PhotoFace.Outcome.class);
    private long nanos;

    public FaceDescriptions(PhotoFaceReader reader) {
        this.reader = reader;
    }

    public PhotoFace of(Path image) {
        return read.computeIfAbsent(image, path -> {
            long start = System.nanoTime();
            PhotoFace face = reader.read(path);
            nanos += System.nanoTime() - start;
            outcomes.merge(face.outcome(), 1, Integer::sum);
            return face;
        });
    }

    public int images() {
        return read.size();
    }

    /** Images that gave no descriptor, for any reason (no face, unreadable, ambiguous, poor quality). */
    public int withoutDescriptor() {
        return images() - outcomes.getOrDefault(PhotoFace.Outcome.ACCEPTED, 0);
    }

    public int count(PhotoFace.Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public double msPerImage() {
        return images() == 0 ? 0 : nanos / 1e6 / images();
    }
}

package io.presenca.matching;

/**
 * What FACE_RECOGNITION_THRESHOLD (a percentage) means for the local dlib descriptor.
 *
 * <p>Similarity and distance are tied by {@code similarity = 100 · (1 − d² / 4.4)}, d being the
 * Euclidean distance between a face's descriptor and the centroid of a student's templates. So
 * 90 % ≈ d 0.66 (near dlib's same-person pairwise cut, 0.6–0.63 on LFW), 95 % = d 0.47 and
 * 97 % = d 0.36. A student is recorded when the frames that agree on them (consensus) have a mean
 * distance below {@link #distance()}; a single frame only counts towards consensus when it lies
 * within {@link #candidateDistance()}, a band just above. Calibration figures: README, "Recognition".
 */
public final class RecognitionThreshold {

    private static final double SCALE = 4.4;
    /** How much further a single frame may lie than the consensus mean must: one frame is noisy. */
    private static final double CANDIDATE_BAND = 0.06;

    private final double percent;
    private final double distance;

    public RecognitionThreshold(double percent) {
        if (!(percent > 0 && percent < 100)) {
            throw new IllegalArgumentException("FACE_RECOGNITION_THRESHOLD must be between 0 and 100, got " + percent);
        }
        this.percent = percent;
        this.distance = Math.sqrt(SCALE * (1 - percent / 100));
    }

    public double percent() {
        return percent;
    }

    /** The consensus mean distance below which a student is recorded. */
    public double distance() {
        return distance;
    }

    /** The distance below which one frame's nearest student counts as a candidate. */
    public double candidateDistance() {
        return distance + CANDIDATE_BAND;
    }

    /** The similarity percentage for a distance: what is stored as the record's confidence. */
    public static double similarity(double distance) {
        return Math.max(0, 100 * (1 - distance * distance / SCALE));
    }
}

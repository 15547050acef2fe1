package io.presenca.matching;

/**
 * What a similarity percentage such as FACE_RECOGNITION_THRESHOLD means on the recognition scale.
 *
 * <p>Similarity and distance are tied by {@code similarity = 100 · (1 − d² / 4.4)}, d being a face's
 * distance to a student on the recognition scale (see {@link Gallery}). The scale is the dlib
 * descriptor's own distance: 90 % ≈ d 0.66 (near dlib's same-person pairwise cut, 0.6–0.63 on LFW),
 * 95 % = d 0.47 and 97 % = d 0.36. Every other descriptor's distances are put on it by a factor
 * calibrated on lfw-dev ({@code vision.DescriptorModel#recognitionDistance}) so that 95 stays the
 * strict operating point whatever DESCRIPTORS says; Rekognition's similarity joins it through
 * {@link #distanceFor}. Calibration figures: README, "Recognition".
 */
public final class RecognitionThreshold {

    private static final double SCALE = 4.4;

    private final double percent;
    private final double distance;

    public RecognitionThreshold(double percent) {
        if (!(percent > 0 && percent < 100)) {
            throw new IllegalArgumentException("FACE_RECOGNITION_THRESHOLD must be between 0 and 100, got " + percent);
        }
        this.percent = percent;
        this.distance = distanceFor(percent);
    }

    public double percent() {
        return percent;
    }

    /** The distance below which a face is similar enough. */
    public double distance() {
        return distance;
    }

    /** The same threshold lowered by some percentage points (the review band's lower edge). */
    public RecognitionThreshold lowered(double points) {
        return new RecognitionThreshold(percent - points);
    }

    /** The distance a similarity percentage stands for: how another matcher's similarity joins this scale. */
    public static double distanceFor(double similarity) {
        return Math.sqrt(SCALE * Math.max(0, 1 - similarity / 100));
    }

    /** The similarity percentage for a distance: what is stored as the record's confidence. */
    public static double similarity(double distance) {
        return Math.max(0, 100 * (1 - distance * distance / SCALE));
    }
}

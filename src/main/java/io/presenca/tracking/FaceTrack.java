package io.presenca.tracking;

import io.presenca.vision.DetectedFace;

/** One face followed across frames: where it was last seen, how it looked, and what is known of it. */
final class FaceTrack {

    final long id;
    private DetectedFace box;
    private long lastSeen;
    private float[] appearance;
    private float[] descriptor;
    private long lastDescribed = Long.MIN_VALUE / 2;
    /** Frames described since the track started or last came near a student. */
    private int describedSinceCandidate;
    private boolean decided;

    FaceTrack(long id, DetectedFace box, long sequence, float[] appearance) {
        this.id = id;
        seen(box, sequence, appearance);
    }

    void seen(DetectedFace box, long sequence, float[] appearance) {
        this.box = box;
        this.lastSeen = sequence;
        this.appearance = appearance;
    }

    DetectedFace box() {
        return box;
    }

    long lastSeen() {
        return lastSeen;
    }

    float[] appearance() {
        return appearance;
    }

    float[] descriptor() {
        return descriptor;
    }

    void described(long sequence, float[] descriptor) {
        this.descriptor = descriptor;
        this.lastDescribed = sequence;
        this.describedSinceCandidate++;
    }

    /**
     * Whether the face needs describing on this frame: while nothing is decided about it (until it has
     * been described {@code settleAfter} times without coming near a student), and on every
     * {@code recheckFrames}-th frame after that, to catch another person taking the place.
     */
    boolean needsDescription(long sequence, int settleAfter, int recheckFrames) {
        boolean settled = decided || describedSinceCandidate >= settleAfter;
        return !settled || sequence - lastDescribed >= recheckFrames;
    }

    void candidate() {
        describedSinceCandidate = 0;
    }

    void decide() {
        decided = true;
    }

    boolean decided() {
        return decided;
    }

    /** Intersection over union of two face boxes: 1 for the same box, 0 when apart. */
    static double overlap(DetectedFace a, DetectedFace b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double intersection = ix * iy;
        double union = a.width() * a.height() + b.width() * b.height() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}

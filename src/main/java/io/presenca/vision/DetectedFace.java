package io.presenca.vision;

/**
 * One face found by the detector, in frame pixel coordinates. Landmarks follow YuNet's order:
 * right eye, left eye, nose tip, right mouth corner, left mouth corner (x, y pairs; "right" is the
 * person's right, on the image's left).
 */
public record DetectedFace(float x, float y, float width, float height, float[] landmarks, float score) {

    public static final int RIGHT_EYE = 0, LEFT_EYE = 1, NOSE = 2, RIGHT_MOUTH = 3, LEFT_MOUTH = 4;

    public float landmarkX(int point) {
        return landmarks[2 * point];
    }

    public float landmarkY(int point) {
        return landmarks[2 * point + 1];
    }

    public double eyeDistance() {
        return Math.hypot(landmarkX(LEFT_EYE) - landmarkX(RIGHT_EYE), landmarkY(LEFT_EYE) - landmarkY(RIGHT_EYE));
    }

    /** The shorter side of the box: what "face size" means to the quality gate. */
    public float size() {
        return Math.min(width, height);
    }
}

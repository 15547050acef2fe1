package io.presenca.matching;

import io.presenca.vision.FaceObservation;

/**
 * A face whose nearest student lies within the candidate distance, with the runner-up student (null
 * when the gallery holds one student) and the face's JPEG, in case it ends in the review queue.
 * {@code source} says who matched it; {@code crop} is the face cut from the frame with a margin, kept
 * only when a local fallback may have to be checked with Rekognition later (otherwise null).
 * {@code face} is the observation matched (its track, descriptor and quality), or null when a match is
 * made up without one.
 */
public record FaceMatch(String studentId, double distance, String runnerUpId, double runnerUpDistance,
                        byte[] faceJpeg, MatchSource source, byte[] crop, FaceObservation face) {

    /** A match by the local matcher. */
    public FaceMatch(String studentId, double distance, String runnerUpId, double runnerUpDistance, byte[] faceJpeg) {
        this(studentId, distance, runnerUpId, runnerUpDistance, faceJpeg, MatchSource.LOCAL, null, null);
    }

    public FaceMatch(String studentId, double distance, String runnerUpId, double runnerUpDistance,
                     byte[] faceJpeg, MatchSource source, byte[] crop) {
        this(studentId, distance, runnerUpId, runnerUpDistance, faceJpeg, source, crop, null);
    }

    public double similarity() {
        return RecognitionThreshold.similarity(distance);
    }

    /** The same match, decided by {@code source} instead. */
    public FaceMatch by(MatchSource source, byte[] crop) {
        return new FaceMatch(studentId, distance, runnerUpId, runnerUpDistance, faceJpeg, source, crop, face);
    }

    /** The tracker's id of the face, or 0 when no tracker followed it. */
    public long trackId() {
        return face == null ? 0 : face.trackId();
    }

    /** The face's descriptor, or null when unknown (a match made without an observation). */
    public float[] descriptor() {
        return face == null ? null : face.descriptor();
    }

    /** How much this frame counts in consensus: the quality gate's 0..1 score, never quite nothing. */
    public double weight() {
        return face == null || face.quality() == null ? 1 : Math.max(0.1, face.quality().score());
    }
}

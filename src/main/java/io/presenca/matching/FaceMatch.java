package io.presenca.matching;

/**
 * A face whose nearest student lies within the candidate distance, with the runner-up student (null
 * when the gallery holds one student) and the face's JPEG, in case it ends in the review queue.
 * {@code source} says who matched it; {@code crop} is the face cut from the frame with a margin, kept
 * only when a local fallback may have to be checked with Rekognition later (otherwise null).
 */
public record FaceMatch(String studentId, double distance, String runnerUpId, double runnerUpDistance,
                        byte[] faceJpeg, MatchSource source, byte[] crop) {

    /** A match by the local matcher. */
    public FaceMatch(String studentId, double distance, String runnerUpId, double runnerUpDistance, byte[] faceJpeg) {
        this(studentId, distance, runnerUpId, runnerUpDistance, faceJpeg, MatchSource.LOCAL, null);
    }

    public double similarity() {
        return RecognitionThreshold.similarity(distance);
    }

    /** The same match, decided by {@code source} instead. */
    public FaceMatch by(MatchSource source, byte[] crop) {
        return new FaceMatch(studentId, distance, runnerUpId, runnerUpDistance, faceJpeg, source, crop);
    }
}

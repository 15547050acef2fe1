package io.presenca.matching;

/**
 * A face whose nearest student lies within the candidate distance, with the runner-up student (null
 * when the gallery holds one student) and the face's JPEG, in case it ends in the review queue.
 */
public record FaceMatch(String studentId, double distance, String runnerUpId, double runnerUpDistance,
                        byte[] faceJpeg) {

    public double similarity() {
        return RecognitionThreshold.similarity(distance);
    }
}

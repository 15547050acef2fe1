package io.presenca.matching;

/** A face whose nearest student lies within the candidate distance. */
public record FaceMatch(String studentId, double distance, double runnerUpDistance) {

    public double similarity() {
        return RecognitionThreshold.similarity(distance);
    }
}

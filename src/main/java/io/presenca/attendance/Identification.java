package io.presenca.attendance;

import io.presenca.matching.DecisionRule.ReviewReason;
import io.presenca.matching.MatchSource;
import java.time.Instant;

/**
 * What consensus concluded about a student seen in {@code frames} recent frames: accepted (record the
 * attendance) or held for a person to review, with the runner-up student and the best frame's face.
 * {@code reviewReason} is null when accepted. {@code matcher} says who decided (see
 * {@link MatchSource#of}); {@code crop} is a face crop to check a local fallback with Rekognition
 * later, or null.
 */
public record Identification(String studentId, Instant capturedAt, double meanDistance, double similarity,
                             String runnerUpId, double meanRunnerUpDistance, int frames, String origin,
                             ReviewReason reviewReason, byte[] faceJpeg, MatchSource matcher, byte[] crop) {

    public boolean accepted() {
        return reviewReason == null;
    }
}

package io.presenca.attendance;

import io.presenca.matching.DecisionRule.ReviewReason;
import io.presenca.matching.MatchSource;
import java.time.Instant;
import java.util.List;

/**
 * What consensus concluded about a student seen in {@code frames} recent frames: accepted (record the
 * attendance) or held for a person to review, with the runner-up student and the best frame's face.
 * {@code reviewReason} is null when accepted. {@code matcher} says who decided (see
 * {@link MatchSource#of}); {@code crop} is a face crop to check a local fallback with Rekognition
 * later, or null. {@code descriptors} are the frames' face descriptors, closest to the student first
 * (empty when the matches carried none): what an admin's correction turns into a negative.
 */
public record Identification(String studentId, Instant capturedAt, double meanDistance, double similarity,
                             String runnerUpId, double meanRunnerUpDistance, int frames, String origin,
                             ReviewReason reviewReason, byte[] faceJpeg, MatchSource matcher, byte[] crop,
                             List<float[]> descriptors) {

    public Identification(String studentId, Instant capturedAt, double meanDistance, double similarity,
                          String runnerUpId, double meanRunnerUpDistance, int frames, String origin,
                          ReviewReason reviewReason, byte[] faceJpeg, MatchSource matcher, byte[] crop) {
        this(studentId, capturedAt, meanDistance, similarity, runnerUpId, meanRunnerUpDistance, frames, origin,
                reviewReason, faceJpeg, matcher, crop, List.of());
    }

    public boolean accepted() {
        return reviewReason == null;
    }

    /** The descriptor of the frame closest to the student, or null when none was carried. */
    public float[] bestDescriptor() {
        return descriptors.isEmpty() ? null : descriptors.get(0);
    }

    /** The same identification, held for review for {@code reason} instead. */
    public Identification heldFor(ReviewReason reason) {
        return new Identification(studentId, capturedAt, meanDistance, similarity, runnerUpId, meanRunnerUpDistance,
                frames, origin, reason, faceJpeg, matcher, crop, descriptors);
    }
}

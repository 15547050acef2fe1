package io.presenca.matching;

import static io.presenca.matching.GalleryTest.axis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.presenca.vision.DescribedFrames;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceMatcherTest {

    private final DecisionRule rule = new DecisionRule(new RecognitionThreshold(95), 25, 2);

    private static Gallery galleryOfAmyAndBob() {
        return AmyAndBob.gallery();
    }

    private static float[] amyAt(double distance) {
        return AmyAndBob.amyAt(distance);
    }

    @Test
    void facesWithinTheCandidateDistanceAreMatchedOthersCountedAsUnknown() {
        FaceMatcher matcher = new FaceMatcher(galleryOfAmyAndBob(), rule);
        double inside = rule.candidateDistance() - 0.01;
        double outside = rule.candidateDistance() + 0.01;
        Instant at = Instant.parse("2025-01-01T08:00:00Z");

        MatchedFrame matched = matcher.match(DescribedFrames.frame(7, at, amyAt(inside), amyAt(outside), axis(1, 1f)));

        assertEquals(7, matched.sequence());
        assertEquals(at, matched.capturedAt());
        assertEquals(List.of("amy", "bob"), matched.matches().stream().map(FaceMatch::studentId).toList());
        assertEquals(inside, matched.matches().get(0).distance(), 1e-6);
        assertEquals("bob", matched.matches().get(0).runnerUpId(), "the runner-up travels with the match");
        assertEquals(1, matched.unknownFaces());
        assertEquals(2, matcher.candidateFaces());
        assertEquals(1, matcher.unknownFaces());
    }

    @Test
    void aFaceBetweenTheThresholdAndTheCandidateBandIsStillACandidate() {
        // one frame may lie a little beyond the threshold; consensus decides on the mean
        FaceMatcher matcher = new FaceMatcher(galleryOfAmyAndBob(), rule);
        double between = (rule.threshold().distance() + rule.candidateDistance()) / 2;
        MatchedFrame matched = matcher.match(DescribedFrames.frame(1, Instant.now(), amyAt(between)));
        assertEquals(1, matched.matches().size());
        assertEquals(0, matched.unknownFaces());
    }

    @Test
    void facesRejectedByTheQualityGateAreNeitherMatchedNorUnknown() {
        FaceMatcher matcher = new FaceMatcher(galleryOfAmyAndBob(), rule);
        MatchedFrame matched = matcher.match(DescribedFrames.frame(1, Instant.now(), (float[]) null, amyAt(0.1)));
        assertEquals(1, matched.matches().size());
        assertEquals(0, matched.unknownFaces());
    }

    @Test
    void withAnEmptyGalleryEveryDescribedFaceIsUnknown() {
        FaceMatcher matcher = new FaceMatcher(new Gallery(), rule);
        MatchedFrame matched = matcher.match(DescribedFrames.frame(1, Instant.now(), amyAt(0), axis(1, 1f)));
        assertEquals(List.of(), matched.matches());
        assertEquals(2, matched.unknownFaces());
        assertEquals(2, matcher.unknownFaces());
    }

    @Test
    void accumulatesCountsAcrossFrames() {
        FaceMatcher matcher = new FaceMatcher(galleryOfAmyAndBob(), rule);
        matcher.match(DescribedFrames.frame(1, Instant.now(), amyAt(0.1), amyAt(2)));
        matcher.match(DescribedFrames.frame(2, Instant.now(), amyAt(0.1), amyAt(2), amyAt(3)));
        assertEquals(2, matcher.candidateFaces());
        assertEquals(3, matcher.unknownFaces());
    }
}

package io.presenca.attendance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatch;
import io.presenca.matching.MatchSource;
import io.presenca.matching.MatchedFrame;
import io.presenca.matching.RecognitionThreshold;
import java.time.Duration;
import java.time.Instant;
import io.presenca.tracking.TrackDecisions;
import io.presenca.vision.DescribedFrames;
import io.presenca.vision.FaceObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsensusTest {

    private static final RecognitionThreshold THRESHOLD = new RecognitionThreshold(95); // distance 0.469
    /** The defaults: the runner-up 25 % farther, a review band of 2 points (down to distance 0.555). */
    private static final DecisionRule RULE = new DecisionRule(THRESHOLD, 25, 2);
    private static final Instant START = Instant.parse("2025-03-03T08:00:00Z");
    private static final double CLOSE = 0.30;

    /** minFrames 2 of the last 5 frames, within 10 s: the gateway's defaults. */
    private final Consensus consensus = new Consensus(2, 5, Duration.ofSeconds(10), RULE);

    /**
     * Frame {@code sequence}, taken {@code sequence} × 100 ms after the start, with the given (student, distance)
     * matches; the runner-up ("zed") is far away.
     */
    private static MatchedFrame frame(long sequence, Object... studentDistancePairs) {
        return frameAt(sequence, START.plusMillis(100 * sequence), studentDistancePairs);
    }

    private static MatchedFrame frameAt(long sequence, Instant at, Object... studentDistancePairs) {
        List<FaceMatch> matches = new ArrayList<>();
        for (int i = 0; i < studentDistancePairs.length; i += 2) {
            matches.add(new FaceMatch((String) studentDistancePairs[i], (Double) studentDistancePairs[i + 1], "zed", 1.0,
                    null));
        }
        return new MatchedFrame(sequence, at, "door#" + sequence, matches, 0);
    }

    private static MatchedFrame lookAlikeFrame(long sequence, double distance, double runnerUpDistance) {
        return new MatchedFrame(sequence, START.plusMillis(100 * sequence), "door#" + sequence,
                List.of(new FaceMatch("amy", distance, "ann", runnerUpDistance, new byte[] {(byte) sequence})), 0);
    }

    /** Accepted students only: a review is not a confirmation. */
    private static List<String> ids(List<Identification> decided) {
        return decided.stream().filter(Identification::accepted).map(Identification::studentId).toList();
    }

    @Test
    void aSingleFrameNeverConfirms() {
        assertEquals(List.of(), consensus.confirm(frame(1, "amy", 0.05)));
        for (long seq = 2; seq <= 10; seq++) {
            assertEquals(List.of(), consensus.confirm(frame(seq)), "frame " + seq);
        }
    }

    @Test
    void twoOfTheLastFiveFramesConfirmOnceAndClearTheHits() {
        assertEquals(List.of(), consensus.confirm(frame(1, "amy", CLOSE)));
        assertEquals(List.of(), consensus.confirm(frame(2)));
        assertEquals(List.of(), consensus.confirm(frame(3, "bob", 0.9)));

        List<Identification> confirmed = consensus.confirm(frame(4, "amy", 0.20));

        assertEquals(List.of("amy"), ids(confirmed));
        Identification amy = confirmed.get(0);
        assertEquals(2, amy.frames());
        assertEquals(0.25, amy.meanDistance(), 1e-9);
        assertEquals(RecognitionThreshold.similarity(0.25), amy.similarity(), 1e-9);
        assertEquals(START.plusMillis(400), amy.capturedAt());
        assertEquals("door#4", amy.origin());
        // the hits were used up: the very next frame starts a new count
        assertEquals(List.of(), consensus.confirm(frame(5, "amy", CLOSE)));
        assertEquals(List.of("amy"), ids(consensus.confirm(frame(6, "amy", CLOSE))));
    }

    @Test
    void hitsOutsideTheFrameWindowAreForgotten() {
        consensus.confirm(frame(1, "amy", CLOSE));
        // frames 2..6 are the last five at frame 6: frame 1 no longer counts
        assertEquals(List.of(), consensus.confirm(frame(6, "amy", CLOSE)));
        // frames 6 and 10 are both within the last five at frame 10
        assertEquals(List.of("amy"), ids(consensus.confirm(frame(10, "amy", CLOSE))));
    }

    @Test
    void hitsOutsideTheTimeWindowAreForgotten() {
        consensus.confirm(frameAt(1, START, "amy", CLOSE));
        // the next frame, but 11 s later: a slow camera or a pause must not join two sightings
        assertEquals(List.of(), consensus.confirm(frameAt(2, START.plusSeconds(11), "amy", CLOSE)));
        assertEquals(List.of("amy"), ids(consensus.confirm(frameAt(3, START.plusSeconds(20), "amy", CLOSE))));
    }

    @Test
    void aMeanDistanceJustAboveTheThresholdIsHeldForReviewOnceItsFramesFillTheWindow() {
        double justAbove = THRESHOLD.distance() + 0.01;
        List<Identification> decided = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            decided.addAll(consensus.confirm(frame(seq, "amy", justAbove)));
            assertEquals(seq < 5 ? 0 : 1, decided.size(), "frame " + seq);
        }
        Identification review = decided.get(0);
        assertFalse(review.accepted());
        assertEquals(DecisionRule.ReviewReason.NEAR_THRESHOLD, review.reviewReason());
        assertEquals(5, review.frames());
    }

    @Test
    void aMeanDistanceBeyondTheReviewBandIsNeverDecidedHoweverManyFrames() {
        double beyond = RULE.candidateDistance() + 0.01;
        for (long seq = 1; seq <= 30; seq++) {
            assertEquals(List.of(), consensus.confirm(frame(seq, "stranger", beyond)), "frame " + seq);
        }
    }

    @Test
    void aLookAlikeIsHeldForReviewWhenItsFramesLeaveTheWindowWithTheBestFrameAndTheRunnerUp() {
        // amy at 0.30 but ann at 0.33: close enough, yet not clearly ahead of ann (needs 25 %)
        assertEquals(List.of(), consensus.confirm(lookAlikeFrame(1, 0.30, 0.33)));
        assertEquals(List.of(), consensus.confirm(lookAlikeFrame(2, 0.28, 0.32)));
        assertEquals(List.of(), consensus.confirm(frame(3)));
        assertEquals(List.of(), consensus.confirm(frame(4)));
        assertEquals(List.of(), consensus.confirm(frame(5)));
        List<Identification> decided = consensus.confirm(frame(6)); // frame 1 leaves the last five

        assertEquals(1, decided.size());
        Identification review = decided.get(0);
        assertFalse(review.accepted());
        assertEquals(DecisionRule.ReviewReason.LOW_MARGIN, review.reviewReason());
        assertEquals("amy", review.studentId());
        assertEquals("ann", review.runnerUpId());
        assertEquals(0.29, review.meanDistance(), 1e-9);
        assertEquals(0.325, review.meanRunnerUpDistance(), 1e-9);
        assertArrayEquals(new byte[] {2}, review.faceJpeg(), "the face of the closest frame");
        assertEquals(List.of(), consensus.confirm(frame(7)), "reported once");
    }

    @Test
    void aLookAlikeFaceThatTurnsToTheCameraIsAcceptedNotReviewed() {
        assertEquals(List.of(), consensus.confirm(lookAlikeFrame(1, 0.30, 0.33)));
        assertEquals(List.of(), consensus.confirm(lookAlikeFrame(2, 0.30, 0.34)), "still ambiguous: wait");
        List<Identification> decided = consensus.confirm(lookAlikeFrame(3, 0.15, 0.80));
        assertEquals(List.of("amy"), ids(decided));
        assertEquals(1, decided.size());
    }

    @Test
    void theDecisionIsOnTheMeanOfTheFrames() {
        // 0.3 and 0.7: mean 0.5 is above 0.469; a third frame at 0.2 brings it to 0.4
        assertEquals(List.of(), consensus.confirm(frame(1, "amy", 0.3)));
        assertEquals(List.of(), consensus.confirm(frame(2, "amy", 0.7)));
        List<Identification> confirmed = consensus.confirm(frame(3, "amy", 0.2));
        assertEquals(List.of("amy"), ids(confirmed));
        assertEquals(3, confirmed.get(0).frames());
        assertEquals(0.4, confirmed.get(0).meanDistance(), 1e-9);
    }

    @Test
    void twoFacesOfOneStudentInOneFrameCountAsOneFrame() {
        assertEquals(List.of(), consensus.confirm(frame(1, "amy", CLOSE, "amy", 0.1)));
        List<Identification> confirmed = consensus.confirm(frame(2, "amy", CLOSE));
        assertEquals(List.of("amy"), ids(confirmed));
        assertEquals(2, confirmed.get(0).frames());
        // the closer of the two faces stood for frame 1
        assertEquals((0.1 + CLOSE) / 2, confirmed.get(0).meanDistance(), 1e-9);
    }

    @Test
    void studentsAreCountedIndependently() {
        consensus.confirm(frame(1, "amy", CLOSE, "bob", CLOSE));
        List<Identification> confirmed = consensus.confirm(frame(2, "amy", CLOSE, "bob", CLOSE, "cyd", CLOSE));
        assertEquals(2, confirmed.size());
        assertTrue(ids(confirmed).containsAll(List.of("amy", "bob")));
        assertEquals(List.of("cyd"), ids(consensus.confirm(frame(3, "cyd", CLOSE))));
    }

    @Test
    void threeConsecutiveFramesConfirmWhenThreeAreRequired() {
        Consensus strict = new Consensus(3, 5, Duration.ofSeconds(10), RULE);
        assertEquals(List.of(), strict.confirm(frame(1, "amy", CLOSE)));
        assertEquals(List.of(), strict.confirm(frame(2, "amy", CLOSE)));
        List<Identification> confirmed = strict.confirm(frame(3, "amy", CLOSE));
        assertEquals(List.of("amy"), ids(confirmed));
        assertEquals(3, confirmed.get(0).frames());
    }

    @Test
    void threeConsecutiveFramesWithTheDefaultsConfirmExactlyOnce() {
        int confirmations = 0;
        for (long seq = 1; seq <= 3; seq++) {
            confirmations += consensus.confirm(frame(seq, "amy", CLOSE)).size();
        }
        assertEquals(1, confirmations);
    }

    /** Who matched the frames decides the record's matcher; a fallback's crop comes along for the later check. */
    @Test
    void anIdentificationSaysWhoMatchedItsFrames() {
        byte[] crop = {1, 2, 3};
        FaceMatch local = new FaceMatch("amy", CLOSE, "zed", 1.0, null);
        FaceMatch fallback = local.by(MatchSource.LOCAL_FALLBACK, crop);
        FaceMatch rekognition = new FaceMatch("amy", 0.2, "zed", 1.0, null, MatchSource.REKOGNITION, null);

        assertTrue(consensus.confirm(one(1, fallback)).isEmpty());
        Identification offline = consensus.confirm(one(2, local)).get(0);
        assertEquals(MatchSource.LOCAL_FALLBACK, offline.matcher(), "part of the decision lacked Rekognition's word");
        assertArrayEquals(crop, offline.crop());

        consensus.confirm(one(10, fallback));
        Identification confirmed = consensus.confirm(one(11, rekognition)).get(0);
        assertEquals(MatchSource.REKOGNITION, confirmed.matcher(), "Rekognition matched one of the frames");

        consensus.confirm(one(20, local));
        Identification byThisPc = consensus.confirm(one(21, local)).get(0);
        assertEquals(MatchSource.LOCAL, byThisPc.matcher());
        assertEquals(null, byThisPc.crop(), "nothing to check later");
    }

    /** A match of the face the tracker follows as {@code trackId}. */
    private static FaceMatch tracked(long trackId, String student, double distance) {
        return tracked(trackId, student, distance, 1);
    }

    /** The same, the face of quality {@code score} (0..1, as the quality gate rates it). */
    private static FaceMatch tracked(long trackId, String student, double distance, double score) {
        FaceObservation face = DescribedFrames.frame(0, START, score, new float[] {1, 2}).faces().get(0);
        face.followAs(trackId);
        return new FaceMatch(student, distance, "zed", 1.0, null, MatchSource.LOCAL, null, face);
    }

    private static MatchedFrame frameOf(long sequence, FaceMatch... matches) {
        return new MatchedFrame(sequence, START.plusMillis(100 * sequence), "door#" + sequence, List.of(matches), 0);
    }

    /** What consensus told the tracker. */
    private static final class ToldTracker implements TrackDecisions {
        final Set<Long> decided = new HashSet<>();
        final List<Long> candidates = new ArrayList<>();

        @Override
        public void candidate(long trackId) {
            candidates.add(trackId);
        }

        @Override
        public void decided(long trackId) {
            decided.add(trackId);
        }

        @Override
        public boolean isDecided(long trackId) {
            return decided.contains(trackId);
        }
    }

    @Test
    void framesOfTwoTrackedFacesNeverAddUpToOneDecision() {
        // two people who both resemble amy, one frame each: per student they would make two of five
        assertEquals(List.of(), consensus.confirm(frameOf(1, tracked(1, "amy", CLOSE))));
        assertEquals(List.of(), consensus.confirm(frameOf(2, tracked(2, "amy", CLOSE))));
        List<Identification> confirmed = consensus.confirm(frameOf(3, tracked(1, "amy", 0.2)));
        assertEquals(List.of("amy"), ids(confirmed), "the first face's own second frame decides");
        assertEquals(2, confirmed.get(0).frames());
        assertEquals((CLOSE + 0.2) / 2, confirmed.get(0).meanDistance(), 1e-9);
        assertEquals(2, confirmed.get(0).descriptors().size(), "its frames' descriptors come along for a later void");
    }

    @Test
    void theSharperFrameCountsMore() {
        // the same two distances, 0.45 and 0.52 (plain mean 0.485, above the threshold 0.469)
        List<Identification> sharpAndClose = consensus.confirm(frameOf(1, tracked(1, "amy", 0.45, 1.0)));
        sharpAndClose.addAll(consensus.confirm(frameOf(2, tracked(1, "amy", 0.52, 0.1))));
        assertEquals(List.of("amy"), ids(sharpAndClose), "the sharp frame was the close one: accepted");
        assertEquals((0.45 + 0.1 * 0.52) / 1.1, sharpAndClose.get(0).meanDistance(), 1e-9);

        List<Identification> blurredAndClose = consensus.confirm(frameOf(3, tracked(2, "amy", 0.45, 0.1)));
        blurredAndClose.addAll(consensus.confirm(frameOf(4, tracked(2, "amy", 0.52, 1.0))));
        assertEquals(List.of(), ids(blurredAndClose), "only the blurred frame was close: not accepted");
    }

    @Test
    void aDecidedTrackIsToldToTheTrackerAndItsLaterFramesAddNothing() {
        ToldTracker tracker = new ToldTracker();
        Consensus perTrack = new Consensus(2, 5, Duration.ofSeconds(10), RULE, tracker);
        perTrack.confirm(frameOf(1, tracked(7, "amy", CLOSE)));
        assertEquals(List.of(7L), tracker.candidates, "a face near a student is watched closely");
        assertEquals(List.of("amy"), ids(perTrack.confirm(frameOf(2, tracked(7, "amy", CLOSE)))));
        assertEquals(Set.of(7L), tracker.decided);
        for (long seq = 3; seq <= 12; seq++) {
            assertEquals(List.of(), perTrack.confirm(frameOf(seq, tracked(7, "amy", CLOSE))), "re-check " + seq);
        }
        // someone else in that place is a new track: decided on its own evidence
        perTrack.confirm(frameOf(13, tracked(8, "amy", CLOSE)));
        assertEquals(List.of("amy"), ids(perTrack.confirm(frameOf(14, tracked(8, "amy", CLOSE)))));
    }

    private static MatchedFrame one(long sequence, FaceMatch match) {
        return new MatchedFrame(sequence, START.plusMillis(100 * sequence), "door#" + sequence, List.of(match), 0);
    }
}

package io.presenca.attendance;

import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatch;
import io.presenca.matching.MatchSource;
import io.presenca.matching.MatchedFrame;
import io.presenca.matching.RecognitionThreshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Capture-route step: a student is decided on only when at least {@code minFrames} of the last
 * {@code windowFrames} frames, all within {@code window}, had them as nearest student; the decision
 * rule then judges the mean distance and mean runner-up distance of those frames. One lucky frame
 * never marks anyone, and evidence from several frames separates strangers far better than one.
 *
 * <p>An accept is reported at once. A review is reported when the student's frames fill the window,
 * or when their frames leave it, so that a face that was still turning towards the camera gets the
 * chance to be accepted first.
 */
public final class Consensus {

    private record Hit(long sequence, Instant at, String origin, FaceMatch match) {

        boolean olderThan(long oldestSequenceExcluded, Instant oldestTimeExcluded) {
            return sequence <= oldestSequenceExcluded || at.isBefore(oldestTimeExcluded);
        }
    }

    private final int minFrames;
    private final int windowFrames;
    private final Duration window;
    private final DecisionRule rule;
    private final Map<String, Deque<Hit>> hitsByStudent = new HashMap<>();

    public Consensus(int minFrames, int windowFrames, Duration window, DecisionRule rule) {
        if (minFrames < 1 || windowFrames < minFrames) {
            throw new IllegalArgumentException("consensus needs 1 <= min frames <= window frames");
        }
        this.minFrames = minFrames;
        this.windowFrames = windowFrames;
        this.window = window;
        this.rule = rule;
    }

    public synchronized List<Identification> confirm(MatchedFrame frame) {
        List<Identification> decided = new ArrayList<>();
        reviewAndForgetOlderThan(frame.sequence() - windowFrames, frame.capturedAt().minus(window), decided);
        Map<String, FaceMatch> closestPerStudent = new HashMap<>();
        for (FaceMatch match : frame.matches()) {
            closestPerStudent.merge(match.studentId(), match, (a, b) -> a.distance() <= b.distance() ? a : b);
        }
        closestPerStudent.forEach((studentId, match) -> {
            Deque<Hit> hits = hitsByStudent.computeIfAbsent(studentId, id -> new ArrayDeque<>());
            hits.addLast(new Hit(frame.sequence(), frame.capturedAt(), frame.origin(), match));
            Identification identification = judge(hits);
            if (identification != null && (identification.accepted() || hits.size() >= windowFrames)) {
                decided.add(identification);
                hitsByStudent.remove(studentId);
            }
        });
        return decided;
    }

    /** Accept or review from the frames so far, or null while there is not enough evidence either way. */
    private Identification judge(Deque<Hit> hits) {
        if (hits.size() < minFrames) {
            return null;
        }
        double meanDistance = hits.stream().mapToDouble(h -> h.match().distance()).average().orElseThrow();
        double meanRunnerUp = hits.stream().mapToDouble(h -> h.match().runnerUpDistance()).average().orElseThrow();
        DecisionRule.Decision decision = rule.decide(meanDistance, meanRunnerUp);
        if (decision.verdict() == DecisionRule.Verdict.UNKNOWN) {
            return null;
        }
        FaceMatch best = hits.stream().map(Hit::match).min(Comparator.comparingDouble(FaceMatch::distance)).orElseThrow();
        MatchSource matcher = MatchSource.of(hits.stream().map(h -> h.match().source()).toList());
        byte[] crop = hits.stream().map(Hit::match).filter(m -> m.crop() != null)
                .min(Comparator.comparingDouble(FaceMatch::distance)).map(FaceMatch::crop).orElse(null);
        return new Identification(best.studentId(), hits.peekLast().at(), meanDistance,
                RecognitionThreshold.similarity(meanDistance), best.runnerUpId(), meanRunnerUp, hits.size(), hits.peekLast().origin(),
                decision.reason(), best.faceJpeg(), matcher, crop);
    }

    private void reviewAndForgetOlderThan(long oldestSequenceExcluded, Instant oldestTimeExcluded,
                                          List<Identification> decided) {
        Iterator<Deque<Hit>> students = hitsByStudent.values().iterator();
        while (students.hasNext()) {
            Deque<Hit> hits = students.next();
            if (hits.isEmpty() || !hits.peekFirst().olderThan(oldestSequenceExcluded, oldestTimeExcluded)) {
                continue;
            }
            Identification pendingReview = judge(hits);
            if (pendingReview != null) {
                decided.add(pendingReview);
                students.remove();
                continue;
            }
            while (!hits.isEmpty() && hits.peekFirst().olderThan(oldestSequenceExcluded, oldestTimeExcluded)) {
                hits.removeFirst();
            }
            if (hits.isEmpty()) {
                students.remove();
            }
        }
    }
}

package io.presenca.attendance;

import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatch;
import io.presenca.matching.MatchSource;
import io.presenca.matching.MatchedFrame;
import io.presenca.matching.RecognitionThreshold;
import io.presenca.tracking.TrackDecisions;
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
import java.util.Objects;

/**
 * Capture-route step: a face is decided on only when at least {@code minFrames} of the last
 * {@code windowFrames} frames, all within {@code window}, had the same student as nearest; the decision
 * rule then judges the quality-weighted mean distance and mean runner-up distance of those frames. One
 * lucky frame never marks anyone, and evidence from several frames separates strangers far better than one.
 *
 * <p>Evidence is gathered per tracked face (see {@link io.presenca.tracking.FaceTracker}): frames of two
 * people who both resemble a student never add up to one decision. Once a track is decided its later
 * frames add nothing, and the tracker is told so it stops describing that face on every frame. Faces
 * no tracker followed are grouped by student.
 *
 * <p>An accept is reported at once. A review is reported when the face's frames fill the window,
 * or when they leave it, so that a face that was still turning towards the camera gets the
 * chance to be accepted first.
 */
public final class Consensus {

    private record Hit(long sequence, Instant at, String origin, FaceMatch match) {

        boolean olderThan(long oldestSequenceExcluded, Instant oldestTimeExcluded) {
            return sequence <= oldestSequenceExcluded || at.isBefore(oldestTimeExcluded);
        }
    }

    /** Whose evidence a hit is: a tracked face and the student it resembles; track 0 for faces nobody tracks. */
    private record Subject(long trackId, String studentId) {

        boolean tracked() {
            return trackId != 0;
        }
    }

    private final int minFrames;
    private final int windowFrames;
    private final Duration window;
    private final DecisionRule rule;
    private final TrackDecisions tracks;
    private final Map<Subject, Deque<Hit>> hitsBySubject = new HashMap<>();

    public Consensus(int minFrames, int windowFrames, Duration window, DecisionRule rule) {
        this(minFrames, windowFrames, window, rule, TrackDecisions.NONE);
    }

    public Consensus(int minFrames, int windowFrames, Duration window, DecisionRule rule, TrackDecisions tracks) {
        if (minFrames < 1 || windowFrames < minFrames) {
            throw new IllegalArgumentException("consensus needs 1 <= min frames <= window frames");
        }
        this.minFrames = minFrames;
        this.windowFrames = windowFrames;
        this.window = window;
        this.rule = rule;
        this.tracks = tracks;
    }

    public synchronized List<Identification> confirm(MatchedFrame frame) {
        List<Identification> decided = new ArrayList<>();
        reviewAndForgetOlderThan(frame.sequence() - windowFrames, frame.capturedAt().minus(window), decided);
        Map<Subject, FaceMatch> closestPerSubject = new HashMap<>();
        for (FaceMatch match : frame.matches()) {
            if (match.trackId() != 0 && tracks.isDecided(match.trackId())) {
                continue; // a re-check of a decided face: nothing new to decide
            }
            closestPerSubject.merge(new Subject(match.trackId(), match.studentId()), match,
                    (a, b) -> a.distance() <= b.distance() ? a : b);
        }
        closestPerSubject.forEach((subject, match) -> {
            if (subject.tracked()) {
                tracks.candidate(subject.trackId());
            }
            Deque<Hit> hits = hitsBySubject.computeIfAbsent(subject, s -> new ArrayDeque<>());
            hits.addLast(new Hit(frame.sequence(), frame.capturedAt(), frame.origin(), match));
            Identification identification = judge(hits);
            if (identification != null && (identification.accepted() || hits.size() >= windowFrames)) {
                decided.add(identification);
                settle(subject);
            }
        });
        return decided;
    }

    /** Accept or review from the frames so far, or null while there is not enough evidence either way. */
    private Identification judge(Deque<Hit> hits) {
        if (hits.size() < minFrames) {
            return null;
        }
        double weights = hits.stream().mapToDouble(h -> h.match().weight()).sum();
        double meanDistance = hits.stream().mapToDouble(h -> h.match().weight() * h.match().distance()).sum() / weights;
        double meanRunnerUp = hits.stream().mapToDouble(h -> h.match().weight() * h.match().runnerUpDistance()).sum() / weights;
        DecisionRule.Decision decision = rule.decide(meanDistance, meanRunnerUp);
        if (decision.verdict() == DecisionRule.Verdict.UNKNOWN) {
            return null;
        }
        List<FaceMatch> closestFirst = hits.stream().map(Hit::match).sorted(Comparator.comparingDouble(FaceMatch::distance)).toList();
        FaceMatch best = closestFirst.get(0);
        MatchSource matcher = MatchSource.of(hits.stream().map(h -> h.match().source()).toList());
        byte[] crop = closestFirst.stream().filter(m -> m.crop() != null).findFirst().map(FaceMatch::crop).orElse(null);
        List<float[]> descriptors = closestFirst.stream().map(FaceMatch::descriptor).filter(Objects::nonNull).toList();
        return new Identification(best.studentId(), hits.peekLast().at(), meanDistance,
                RecognitionThreshold.similarity(meanDistance), best.runnerUpId(), meanRunnerUp, hits.size(), hits.peekLast().origin(),
                decision.reason(), best.faceJpeg(), matcher, crop, descriptors);
    }

    /** A decision was reported for the subject: its evidence goes, and a tracked face is decided for good. */
    private void settle(Subject subject) {
        if (subject.tracked()) {
            hitsBySubject.keySet().removeIf(s -> s.trackId() == subject.trackId());
            tracks.decided(subject.trackId());
        } else {
            hitsBySubject.remove(subject);
        }
    }

    private void reviewAndForgetOlderThan(long oldestSequenceExcluded, Instant oldestTimeExcluded,
                                          List<Identification> decided) {
        List<Subject> toSettle = new ArrayList<>();
        Iterator<Map.Entry<Subject, Deque<Hit>>> subjects = hitsBySubject.entrySet().iterator();
        while (subjects.hasNext()) {
            Map.Entry<Subject, Deque<Hit>> entry = subjects.next();
            Deque<Hit> hits = entry.getValue();
            if (hits.isEmpty() || !hits.peekFirst().olderThan(oldestSequenceExcluded, oldestTimeExcluded)) {
                continue;
            }
            Identification pendingReview = judge(hits);
            boolean trackAlreadyDecided = entry.getKey().tracked()
                    && toSettle.stream().anyMatch(s -> s.trackId() == entry.getKey().trackId());
            if (pendingReview != null && !trackAlreadyDecided) {
                decided.add(pendingReview);
                toSettle.add(entry.getKey());
                continue;
            }
            while (!hits.isEmpty() && hits.peekFirst().olderThan(oldestSequenceExcluded, oldestTimeExcluded)) {
                hits.removeFirst();
            }
            if (hits.isEmpty()) {
                subjects.remove();
            }
        }
        toSettle.forEach(this::settle);
    }
}

package io.presenca.attendance;

import io.presenca.matching.FaceMatch;
import io.presenca.matching.MatchedFrame;
import io.presenca.matching.RecognitionThreshold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Capture-route step: a student is confirmed only when at least {@code minFrames} of the last
 * {@code windowFrames} frames, all within {@code window}, matched them, and the mean distance of
 * those frames is within the recognition threshold. One lucky frame never marks anyone, and
 * evidence from several frames separates strangers far better than any single frame can.
 */
public final class Consensus {

    private record Hit(long sequence, Instant at, double distance) {
    }

    private final int minFrames;
    private final int windowFrames;
    private final Duration window;
    private final RecognitionThreshold threshold;
    private final Map<String, Deque<Hit>> hitsByStudent = new HashMap<>();

    public Consensus(int minFrames, int windowFrames, Duration window, RecognitionThreshold threshold) {
        this.minFrames = minFrames;
        this.windowFrames = windowFrames;
        this.window = window;
        this.threshold = threshold;
    }

    public synchronized List<ConfirmedStudent> confirm(MatchedFrame frame) {
        forgetOlderThan(frame.sequence() - windowFrames, frame.capturedAt().minus(window));
        Map<String, Double> closestPerStudent = new HashMap<>();
        for (FaceMatch match : frame.matches()) {
            closestPerStudent.merge(match.studentId(), match.distance(), Math::min);
        }
        List<ConfirmedStudent> confirmed = new ArrayList<>();
        closestPerStudent.forEach((studentId, distance) -> {
            Deque<Hit> hits = hitsByStudent.computeIfAbsent(studentId, id -> new ArrayDeque<>());
            hits.addLast(new Hit(frame.sequence(), frame.capturedAt(), distance));
            if (hits.size() >= minFrames) {
                double mean = hits.stream().mapToDouble(Hit::distance).average().orElseThrow();
                if (mean < threshold.distance()) {
                    confirmed.add(new ConfirmedStudent(studentId, frame.capturedAt(), mean,
                            RecognitionThreshold.similarity(mean), hits.size(), frame.origin()));
                    hitsByStudent.remove(studentId);
                }
            }
        });
        return confirmed;
    }

    private void forgetOlderThan(long oldestSequenceExcluded, Instant oldestTimeExcluded) {
        Iterator<Deque<Hit>> students = hitsByStudent.values().iterator();
        while (students.hasNext()) {
            Deque<Hit> hits = students.next();
            while (!hits.isEmpty() && (hits.peekFirst().sequence() <= oldestSequenceExcluded
                    || hits.peekFirst().at().isBefore(oldestTimeExcluded))) {
                hits.removeFirst();
            }
            if (hits.isEmpty()) {
                students.remove();
            }
        }
    }
}

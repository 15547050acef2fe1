package io.presenca.matching;

import io.presenca.vision.FaceObservation;
import io.presenca.vision.FrameAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture-route step: each described face against the gallery. Faces near enough to a student to
 * matter (accept or review) go on to consensus; the others are counted as unknown, never recorded.
 */
public final class FaceMatcher {

    private static final Logger LOG = LoggerFactory.getLogger(FaceMatcher.class);

    private final Gallery gallery;
    private final DecisionRule rule;
    private final AtomicLong candidates = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    public FaceMatcher(Gallery gallery, DecisionRule rule) {
        this.gallery = gallery;
        this.rule = rule;
    }

    public MatchedFrame match(FrameAnalysis frame) {
        List<FaceMatch> matches = new ArrayList<>();
        int unknownFaces = 0;
        for (FaceObservation face : frame.describedFaces()) {
            Optional<Gallery.Nearest> nearest = gallery.nearest(face.descriptor());
            if (nearest.isPresent() && nearest.get().distance() < rule.candidateDistance()) {
                Gallery.Nearest n = nearest.get();
                matches.add(new FaceMatch(n.studentId(), n.distance(), n.runnerUpId(), n.runnerUpDistance(),
                        face.evidenceJpeg()));
            } else {
                unknownFaces++;
            }
        }
        candidates.addAndGet(matches.size());
        if (unknownFaces > 0) {
            unknown.addAndGet(unknownFaces);
            LOG.info("Frame {} ({}): {} unknown face(s), not recorded", frame.sequence(), frame.origin(), unknownFaces);
        }
        return new MatchedFrame(frame.sequence(), frame.capturedAt(), frame.origin(), matches, unknownFaces);
    }

    public long candidateFaces() {
        return candidates.get();
    }

    public long unknownFaces() {
        return unknown.get();
    }
}

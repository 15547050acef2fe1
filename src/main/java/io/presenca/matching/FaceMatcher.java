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
public final class FaceMatcher implements FrameMatcher {

    private static final Logger LOG = LoggerFactory.getLogger(FaceMatcher.class);

    private final Gallery gallery;
    private final DecisionRule rule;
    private final UnknownFaces unknownFaces;
    private final AtomicLong candidates = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    public FaceMatcher(Gallery gallery, DecisionRule rule) {
        this(gallery, rule, UnknownFaces.FORGOTTEN);
    }

    public FaceMatcher(Gallery gallery, DecisionRule rule, UnknownFaces unknownFaces) {
        this.gallery = gallery;
        this.rule = rule;
        this.unknownFaces = unknownFaces;
    }

    @Override
    public MatchedFrame match(FrameAnalysis frame) {
        List<FaceMatch> matches = new ArrayList<>();
        List<FaceObservation> unmatched = new ArrayList<>();
        for (FaceObservation face : frame.describedFaces()) {
            Optional<FaceMatch> match = matchFace(face);
            if (match.isPresent()) {
                matches.add(match.get());
            } else {
                unmatched.add(face);
            }
        }
        return conclude(frame, matches, unmatched);
    }

    /** One described face against the gallery: its nearest student when within the candidate distance. */
    public Optional<FaceMatch> matchFace(FaceObservation face) {
        Optional<Gallery.Nearest> nearest = gallery.nearest(face.descriptor());
        if (nearest.isEmpty() || nearest.get().distance() >= rule.candidateDistance()) {
            return Optional.empty();
        }
        Gallery.Nearest n = nearest.get();
        return Optional.of(new FaceMatch(n.studentId(), n.distance(), n.runnerUpId(), n.runnerUpDistance(),
                face.evidenceJpeg(), MatchSource.LOCAL, null, face));
    }

    /**
     * Counts and logs a frame's outcome, whichever matcher produced it, so the run's totals cover every
     * face; the unmatched faces go where KEEP_UNKNOWN_CROPS says (by default: nowhere).
     */
    public MatchedFrame conclude(FrameAnalysis frame, List<FaceMatch> matches, List<FaceObservation> unmatched) {
        candidates.addAndGet(matches.size());
        if (!unmatched.isEmpty()) {
            unknown.addAndGet(unmatched.size());
            unknownFaces.keep(frame, unmatched);
            LOG.debug("Frame {} ({}): {} unknown face(s), not recorded", frame.sequence(), frame.origin(), unmatched.size());
        }
        return new MatchedFrame(frame.sequence(), frame.capturedAt(), frame.origin(), matches, unmatched.size());
    }

    public DecisionRule rule() {
        return rule;
    }

    public long candidateFaces() {
        return candidates.get();
    }

    @Override
    public long unknownFaces() {
        return unknown.get();
    }
}

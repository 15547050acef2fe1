package io.presenca.rekognition;

import io.presenca.config.MatcherKind;
import io.presenca.matching.DecisionRule;
import io.presenca.matching.FaceMatch;
import io.presenca.matching.FaceMatcher;
import io.presenca.matching.FrameMatcher;
import io.presenca.matching.MatchSource;
import io.presenca.matching.MatchedFrame;
import io.presenca.vision.FaceObservation;
import io.presenca.vision.FrameAnalysis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture route's {@code faceMatcher} when MATCHER is rekognition or hybrid.
 *
 * <p>rekognition: every described face is searched in the collection. hybrid: the local matcher goes
 * first, and only the faces it is unsure of (review band, low margin) are searched. Either way a
 * Rekognition match joins the same decision path as a local one (consensus, margin, review band,
 * duplicate window), its similarity mapped onto the local distance scale; "nobody" and "no face in the
 * crop" make the face unknown. When Rekognition cannot answer (offline, throttled, failing, over the
 * frame's budget, or switched off after bad credentials) the local matcher decides that face and it is
 * marked {@code local-fallback}. A frame never waits longer than REKOGNITION_FRAME_BUDGET_MS for the
 * rate limit: faces over budget fall back rather than queue.
 */
public final class RekognitionMatcher implements FrameMatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionMatcher.class);

    private final MatcherKind kind;
    private final FaceMatcher local;
    private final FaceSearch search;
    private final Duration frameBudget;
    private final Predicate<String> enrolled;
    private final boolean keepCropsForRecheck;
    private final LongSupplier nanoClock;
    private final AtomicLong searched = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong noFace = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final Set<String> strangersInCollection = ConcurrentHashMap.newKeySet();

    /**
     * @param enrolled            whether a student id (Rekognition's ExternalImageId) is an active student here
     * @param keepCropsForRecheck keep the crop of fallback matches, so the record can be checked later
     */
    public RekognitionMatcher(MatcherKind kind, FaceMatcher local, FaceSearch search, Duration frameBudget,
                              Predicate<String> enrolled, boolean keepCropsForRecheck, LongSupplier nanoClock) {
        if (!kind.usesRekognition()) {
            throw new IllegalArgumentException("RekognitionMatcher is for MATCHER=rekognition or hybrid, not " + kind.setting());
        }
        this.kind = kind;
        this.local = local;
        this.search = search;
        this.frameBudget = frameBudget;
        this.enrolled = enrolled;
        this.keepCropsForRecheck = keepCropsForRecheck;
        this.nanoClock = nanoClock;
    }

    @Override
    public MatchedFrame match(FrameAnalysis frame) {
        long deadline = nanoClock.getAsLong() + frameBudget.toNanos();
        List<FaceMatch> matches = new ArrayList<>();
        List<FaceObservation> unmatched = new ArrayList<>();
        for (FaceObservation face : frame.describedFaces()) {
            Optional<FaceMatch> match = kind == MatcherKind.HYBRID ? hybrid(face, deadline) : rekognitionFirst(face, deadline);
            if (match.isPresent()) {
                matches.add(match.get());
            } else {
                unmatched.add(face);
            }
        }
        return local.conclude(frame, matches, unmatched);
    }

    private Optional<FaceMatch> rekognitionFirst(FaceObservation face, long deadline) {
        return askRekognition(face, deadline, () -> local.matchFace(face));
    }

    /** The local decision stands when it is sure; otherwise Rekognition's answer replaces it. */
    private Optional<FaceMatch> hybrid(FaceObservation face, long deadline) {
        Optional<FaceMatch> localMatch = local.matchFace(face);
        if (localMatch.isEmpty() || isSure(localMatch.get())) {
            return localMatch;
        }
        return askRekognition(face, deadline, () -> localMatch);
    }

    private boolean isSure(FaceMatch match) {
        return local.rule().decide(match.distance(), match.runnerUpDistance()).verdict() == DecisionRule.Verdict.ACCEPT;
    }

    /** Rekognition's decision (a student, or empty for nobody); the local one when Rekognition cannot answer. */
    private Optional<FaceMatch> askRekognition(FaceObservation face, long deadline, Supplier<Optional<FaceMatch>> localMatch) {
        FaceSearch.Answer answer;
        if (face.crop() == null) {
            answer = new FaceSearch.Unanswered("no crop of the face");
        } else {
            searched.incrementAndGet();
            answer = search.search(face.crop(), Duration.ofNanos(Math.max(0, deadline - nanoClock.getAsLong())));
        }
        if (answer instanceof FaceSearch.Match m) {
            return enrolled(m.studentId()) ? Optional.of(fromRekognition(m, face)) : Optional.empty();
        }
        if (answer instanceof FaceSearch.NoMatch none) {
            if (none.noFaceInCrop()) {
                noFace.incrementAndGet();
            }
            return Optional.empty();
        }
        LOG.debug("Face not matched by Rekognition ({}): the local matcher decides", ((FaceSearch.Unanswered) answer).reason());
        fallbacks.incrementAndGet();
        return localMatch.get().map(m -> m.by(MatchSource.LOCAL_FALLBACK, keepCropsForRecheck ? face.crop() : null));
    }

    /** A student Rekognition named who is not active here (another school's face, a deleted student) is nobody. */
    private boolean enrolled(String studentId) {
        if (enrolled.test(studentId)) {
            matched.incrementAndGet();
            return true;
        }
        if (strangersInCollection.add(studentId)) {
            LOG.warn("Rekognition matched a face to '{}', who is not an active student here: counted as unknown."
                    + " Run 'java -jar presenca.jar reindex' if the collection holds faces of other students.", studentId);
        }
        return false;
    }

    private static FaceMatch fromRekognition(FaceSearch.Match m, FaceObservation face) {
        return new FaceMatch(m.studentId(), m.distance(), m.runnerUpId(), m.runnerUpDistance(), face.evidenceJpeg(),
                MatchSource.REKOGNITION, null, face);
    }

    @Override
    public long unknownFaces() {
        return local.unknownFaces();
    }

    /** Faces sent to (or meant for) Rekognition. */
    public long searched() {
        return searched.get();
    }

    /** Faces Rekognition matched to an enrolled student. */
    public long matched() {
        return matched.get();
    }

    /** Faces in which Rekognition found no face (counted as unknown). */
    public long noFace() {
        return noFace.get();
    }

    @Override
    public long localFallbacks() {
        return fallbacks.get();
    }

    /** "120 faces for Rekognition: 80 matched, 3 with no face found, 12 local fallbacks; calls: 108 answered, ..." */
    @Override
    public String remoteSummary() {
        return searched() + " faces for Rekognition: " + matched() + " matched, " + noFace() + " with no face found, "
                + localFallbacks() + " local fallbacks; calls: " + search.link().summary();
    }
}

package io.presenca.rekognition;

import io.presenca.matching.RecognitionThreshold;
import java.time.Duration;
import java.util.Optional;

/**
 * One face crop against the school's collection, with FaceMatchThreshold = FACE_RECOGNITION_THRESHOLD.
 * The answer says whether Rekognition decided (a student, or nobody) or could not be asked, in which
 * case the caller falls back to the local matcher for that face.
 */
public final class FaceSearch {

    /** What Rekognition said about one face. */
    public sealed interface Answer {
    }

    /** The best student at or above the threshold; the runner-up is the best other student (null, 0 if none). */
    public record Match(String studentId, double similarity, String runnerUpId, double runnerUpSimilarity)
            implements Answer {

        /** The similarity on the local matcher's distance scale, for the same decision rule. */
        public double distance() {
            return RecognitionThreshold.distanceFor(similarity);
        }

        /** The runner-up on that scale; infinitely far when there is none. */
        public double runnerUpDistance() {
            return runnerUpId == null ? Double.POSITIVE_INFINITY : RecognitionThreshold.distanceFor(runnerUpSimilarity);
        }
    }

    /** Rekognition answered: nobody in the collection is that similar, or it found no face in the crop. */
    public record NoMatch(boolean noFaceInCrop) implements Answer {
    }

    /** Rekognition could not be asked or did not answer; {@code reason} is for the log. */
    public record Unanswered(String reason) implements Answer {
    }

    private static final String OPERATION = "SearchFacesByImage";

    private final FaceCollection collection;
    private final RekognitionLink link;
    private final double threshold;

    public FaceSearch(FaceCollection collection, RekognitionLink link, double threshold) {
        this.collection = collection;
        this.link = link;
        this.threshold = threshold;
    }

    /** Searches for the face in {@code jpeg}, waiting at most {@code maxWait} for the rate limit. */
    public Answer search(byte[] jpeg, Duration maxWait) {
        RekognitionLink.Outcome<Optional<FaceCollection.Found>> outcome =
                link.call(OPERATION, () -> collection.search(jpeg, threshold, maxWait));
        if (outcome instanceof RekognitionLink.Answered<Optional<FaceCollection.Found>> answered) {
            return answered.value()
                    .<Answer>map(f -> new Match(f.studentId(), f.similarity(), f.runnerUpId(), f.runnerUpSimilarity()))
                    .orElseGet(() -> new NoMatch(false));
        }
        if (outcome instanceof RekognitionLink.Failed<Optional<FaceCollection.Found>> failed) {
            return failed.failure().kind() == RekognitionFailure.Kind.NO_FACE ? new NoMatch(true)
                    : new Unanswered(failed.failure().kind().name().toLowerCase(java.util.Locale.ROOT)
                            + ": " + failed.failure().message());
        }
        RekognitionLink.Skip skip = ((RekognitionLink.NotCalled<?>) outcome).reason();
        return new Unanswered(skip.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    public RekognitionLink link() {
        return link;
    }

    public double threshold() {
        return threshold;
    }
}

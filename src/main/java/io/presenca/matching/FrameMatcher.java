package io.presenca.matching;

import io.presenca.vision.FrameAnalysis;

/**
 * The capture route's {@code faceMatcher} step: the described faces of a frame to candidate students.
 * MATCHER chooses the implementation: {@link FaceMatcher} (local) or one of the Rekognition matchers.
 */
public interface FrameMatcher {

    MatchedFrame match(FrameAnalysis frame);

    /** Described faces that matched nobody, so far. */
    long unknownFaces();

    /** Faces the local matcher decided because Rekognition could not answer (none for the local matcher). */
    default long localFallbacks() {
        return 0;
    }

    /** A line for the closing log about the remote matcher, or null for the local one. */
    default String remoteSummary() {
        return null;
    }
}

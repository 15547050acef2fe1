package io.presenca.matching;

import java.time.Instant;
import java.util.List;

/** A frame's matching outcome: candidate students, and how many described faces matched nobody. */
public record MatchedFrame(long sequence, Instant capturedAt, String origin, List<FaceMatch> matches, int unknownFaces) {
}

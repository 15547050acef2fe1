package io.presenca.matching;

import io.presenca.vision.FaceObservation;
import io.presenca.vision.FrameAnalysis;
import java.util.List;

/** Where the faces of a frame that matched nobody go: by default nowhere (they are only counted). */
@FunctionalInterface
public interface UnknownFaces {

    UnknownFaces FORGOTTEN = (frame, faces) -> { };

    void keep(FrameAnalysis frame, List<FaceObservation> faces);
}

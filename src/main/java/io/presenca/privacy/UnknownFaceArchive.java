package io.presenca.privacy;

import io.presenca.matching.UnknownFaces;
import io.presenca.store.UnknownFaceStore;
import io.presenca.vision.FaceObservation;
import io.presenca.vision.FrameAnalysis;
import java.util.List;

/**
 * KEEP_UNKNOWN_CROPS=true: the aligned face of everyone the gateway did not recognise is kept,
 * encrypted, for EVIDENCE_RETENTION_DAYS (e.g. to find out who keeps walking in unenrolled).
 */
public final class UnknownFaceArchive implements UnknownFaces {

    private final UnknownFaceStore store;
    private final String deviceId;

    public UnknownFaceArchive(UnknownFaceStore store, String deviceId) {
        this.store = store;
        this.deviceId = deviceId;
    }

    @Override
    public void keep(FrameAnalysis frame, List<FaceObservation> faces) {
        for (FaceObservation face : faces) {
            if (face.evidenceJpeg() != null) {
                store.keep(deviceId, frame.capturedAt(), face.evidenceJpeg());
            }
        }
    }
}

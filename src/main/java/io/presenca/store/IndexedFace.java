package io.presenca.store;

import java.time.Instant;

/** What Rekognition holds for a template: its face id, or (face id null) why it indexed no face. */
public record IndexedFace(String collectionId, long templateId, String studentId, String photoPath, String faceId,
                          String refusal, Instant indexedAt) {
}

package io.presenca.store;

/** An enrollment template and the photo it was made from (relative to FACES_DIR). */
public record TemplatePhoto(long templateId, String studentId, String photoPath) {
}

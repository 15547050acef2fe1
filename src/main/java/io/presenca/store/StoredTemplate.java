package io.presenca.store;

/** A face template ready for matching. (Record equality compares the array by reference.) */
public record StoredTemplate(long id, String studentId, float[] descriptor) {
}

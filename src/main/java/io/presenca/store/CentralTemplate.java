package io.presenca.store;

import java.time.Instant;

/**
 * A face template of the central database: a descriptor made centrally for a student, in the
 * format of {@link DescriptorCodec}. {@code deleted} when the template or its student was removed.
 */
public record CentralTemplate(String id, String studentId, String model, byte[] descriptor, String descriptorSha256,
                              Instant updatedAt, boolean deleted) {
}
